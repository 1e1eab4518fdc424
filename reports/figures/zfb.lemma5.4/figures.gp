set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/zfb.lemma5.4/aniso-d2-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/aniso-d2-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/aniso-d2-N5-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
set output "reports/figures/zfb.lemma5.4/aniso-d5-N10-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 aniso-d5-N10)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/aniso-d5-N10-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/aniso-d5-N10-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
set output "reports/figures/zfb.lemma5.4/random-theta-d3-N4-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 random-theta-d3-N4)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/random-theta-d3-N4-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/random-theta-d3-N4-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
set output "reports/figures/zfb.lemma5.4/iso-d10-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 iso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/iso-d10-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/iso-d10-N40-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
set output "reports/figures/zfb.lemma5.4/d1-lambda0.5-N5-sigma0.1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 d1-lambda0.5-N5-sigma0.1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/d1-lambda0.5-N5-sigma0.1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/d1-lambda0.5-N5-sigma0.1-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
set output "reports/figures/zfb.lemma5.4/d1-lambda3-N5-sigma0.1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.lemma5.4 d1-lambda3-N5-sigma0.1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemma5.4/d1-lambda3-N5-sigma0.1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*", "reports/figures/zfb.lemma5.4/d1-lambda3-N5-sigma0.1-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "e^(-mu t) (L(0) - L*)  (Lemma 5.4 envelope)"
