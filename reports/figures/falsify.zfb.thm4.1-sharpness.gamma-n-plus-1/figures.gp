set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.thm4.1-sharpness.gamma-n-plus-1/aniso-d2-N5-sweep.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "limit enclosure against sigma / sigma_c (falsify.zfb.thm4.1-sharpness.gamma-n-plus-1 aniso-d2-N5)"
set xlabel "sigma / sigma_c (the hypothesis holds left of 1)"
set ylabel "relative to u*"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.thm4.1-sharpness.gamma-n-plus-1/aniso-d2-N5-sweep.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "proved radius of the limit", "reports/figures/falsify.zfb.thm4.1-sharpness.gamma-n-plus-1/aniso-d2-N5-sweep.csv" using 1:3 skip 1 with linespoints pt 7 ps 0.6 title "distance closed form - enclosure midpoint"
