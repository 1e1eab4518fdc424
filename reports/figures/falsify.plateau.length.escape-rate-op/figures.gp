set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.plateau.length.escape-rate-op/aniso-lin-d5-N10-loss-gap.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "loss gap at each w0 (falsify.plateau.length.escape-rate-op aniso-lin-d5-N10)"
set xlabel "t (flow time)"
set ylabel "(L - L*)/(L(0) - L*)"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.length.escape-rate-op/aniso-lin-d5-N10-loss-gap.csv" using 1:2 skip 1 with lines lw 2 title "w0 = 1e-06", "reports/figures/falsify.plateau.length.escape-rate-op/aniso-lin-d5-N10-loss-gap.csv" using 1:3 skip 1 with lines lw 2 title "w0 = 1e-10", "reports/figures/falsify.plateau.length.escape-rate-op/aniso-lin-d5-N10-loss-gap.csv" using 1:4 skip 1 with lines lw 2 title "w0 = 1e-20", "reports/figures/falsify.plateau.length.escape-rate-op/aniso-lin-d5-N10-loss-gap.csv" using 1:5 skip 1 with lines lw 2 title "w0 = 1e-30"
