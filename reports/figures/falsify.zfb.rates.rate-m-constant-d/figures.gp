set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-N.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "excess error E(M = inf, N) of flow-trained models against N (d3-aniso)"
set xlabel "N (training prompt length)"
set ylabel "excess error"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-N.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "excess (formula at flow-trained parameters)", "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-N.csv" using 1:3 skip 1 with lines lw 2 title "fitted slope -1.9975 on 1e3..1e5"
set output "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-M.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "excess error E(M, N = 1e5) - E(inf, 1e5) against M (d3-aniso)"
set xlabel "M (test prompt length)"
set ylabel "excess error"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-M.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "excess (formula at flow-trained parameters)", "reports/figures/falsify.zfb.rates.rate-m-constant-d/d3-aniso-rate-M.csv" using 1:3 skip 1 with lines lw 2 title "fitted slope -1.0000 on 1e3..1e5"
