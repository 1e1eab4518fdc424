set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.sec4.2.covariate.covariate-limit-not-squared/c1.7-d3-covariate-error.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "noiseless error under covariate scaling c = 1.7 against M (c1.7-d3)"
set xlabel "M (test prompt length)"
set ylabel "E(yhat - y)^2"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.sec4.2.covariate.covariate-limit-not-squared/c1.7-d3-covariate-error.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "scaled by c = 1.7", "reports/figures/falsify.zfb.sec4.2.covariate.covariate-limit-not-squared/c1.7-d3-covariate-error.csv" using 1:3 skip 1 with linespoints pt 7 ps 0.6 title "unscaled (c = 1)", "reports/figures/falsify.zfb.sec4.2.covariate.covariate-limit-not-squared/c1.7-d3-covariate-error.csv" using 1:4 skip 1 with lines lw 2 title "M, N -> inf limit c^2 (c^2-1)^2 tr Lambda"
