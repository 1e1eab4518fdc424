set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.cor4.3-threshold.rate-m-constant-d/d3-N1000-m-threshold.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "smallest M with error <= eta: Corollary 4.3's bound against the exact error (d = 3, N = 1000)"
set xlabel "eta / tr(Lambda)"
set ylabel "M(eta)"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.cor4.3-threshold.rate-m-constant-d/d3-N1000-m-threshold.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "M exact", "reports/figures/falsify.zfb.cor4.3-threshold.rate-m-constant-d/d3-N1000-m-threshold.csv" using 1:3 skip 1 with linespoints pt 7 ps 0.6 title "M bound"
