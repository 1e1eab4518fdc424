set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (falsify.zfb.thm4.1.model-gamma-n-plus-1 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (falsify.zfb.thm4.1.model-gamma-n-plus-1 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d2-N5-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
set output "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap L - L* along the flow (falsify.zfb.thm4.1.model-gamma-n-plus-1 aniso-d3-N40)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "L - L*"
set output "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-distance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "distance to the closed-form optimum, gradient and certified bound (falsify.zfb.thm4.1.model-gamma-n-plus-1 aniso-d3-N40)"
set xlabel "t (flow time)"
set ylabel "norm"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-distance.csv" using 1:2 skip 1 with lines lw 2 title "|(u,U) - (u*,U*)|", "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-distance.csv" using 1:3 skip 1 with lines lw 2 title "|grad L|", "reports/figures/falsify.zfb.thm4.1.model-gamma-n-plus-1/aniso-d3-N40-distance.csv" using 1:4 skip 1 with lines lw 2 title "2 |grad L| / mu  (certified bound)"
