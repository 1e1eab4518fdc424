set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/zfb.thm4.1/iso-d1-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d1-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d1-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d1-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d1-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/scalar2-d1-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 scalar2-d1-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/scalar2-d1-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/scalar2-d1-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 scalar2-d1-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/scalar2-d1-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/scalar2-d1-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d1-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d1-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d1-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d1-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d1-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/scalar2-d1-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 scalar2-d1-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/scalar2-d1-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/scalar2-d1-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d1-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d1-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d1-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d1-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d1-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d1-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/scalar2-d1-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 scalar2-d1-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/scalar2-d1-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/scalar2-d1-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 scalar2-d1-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/scalar2-d1-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/scalar2-d1-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d2-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d2-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d2-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d2-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d2-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d2-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d2-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d2-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d2-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d2-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d2-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d2-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d2-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d2-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d2-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d2-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d2-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d2-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d2-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d2-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d2-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d2-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d2-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d2-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d2-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d2-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d2-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d2-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d2-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d2-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d2-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d2-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d2-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d2-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d2-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d2-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d2-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d2-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d2-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d2-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d2-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d2-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d2-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d2-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d2-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d2-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d2-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d2-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d5-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d5-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d5-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d5-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d5-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d5-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d5-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d5-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d5-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d5-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d5-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d5-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d5-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d5-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d5-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d5-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d5-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d5-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d5-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d5-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d5-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d5-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d5-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d5-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d5-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d5-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d5-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d5-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d5-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d5-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d5-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d5-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d5-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d5-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d5-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d5-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d5-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d5-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d5-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d5-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d5-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d5-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d5-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d5-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d5-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d5-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d5-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d5-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d5-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d5-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d5-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d5-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d10-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d10-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d10-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d10-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d10-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d10-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d10-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d10-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d10-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d10-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d10-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d10-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d10-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d10-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d10-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d10-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d10-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d10-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d10-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d10-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d10-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d10-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d10-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d10-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d10-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d10-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d10-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d10-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d10-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d10-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d10-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d10-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d10-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d10-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d10-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d10-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d10-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d10-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d10-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d10-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d10-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d10-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d10-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d10-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d10-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d10-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d10-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d10-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d20-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d20-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d20-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d20-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d20-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d20-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d20-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d20-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d20-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d20-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d20-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d20-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N1-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d20-N1)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N1-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N1-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d20-N1)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N1-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d20-N1-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d20-N1-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d20-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d20-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d20-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d20-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d20-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d20-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d20-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d20-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d20-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d20-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d20-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d20-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d20-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d20-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d20-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d20-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/iso-d20-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 iso-d20-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/iso-d20-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 iso-d20-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/iso-d20-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/iso-d20-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/iso-d20-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/aniso-d20-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 aniso-d20-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/aniso-d20-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 aniso-d20-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/aniso-d20-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/aniso-d20-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/aniso-d20-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 kappa100-d20-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/kappa100-d20-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 kappa100-d20-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/kappa100-d20-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/kappa100-d20-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/kappa100-d20-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 paper-sigma-0.1-d5-N10)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 paper-sigma-0.1-d5-N10)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/paper-sigma-0.1-d5-N10-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/zfb.thm4.1/random-theta-d5-N10-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (zfb.thm4.1 random-theta-d5-N10)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/random-theta-d5-N10-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/zfb.thm4.1/random-theta-d5-N10-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (zfb.thm4.1 random-theta-d5-N10)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.thm4.1/random-theta-d5-N10-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/zfb.thm4.1/random-theta-d5-N10-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/zfb.thm4.1/random-theta-d5-N10-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
