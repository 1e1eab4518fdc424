set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/zfb.sec4.2.tolerated/task-shift-noise-d3-shift-error.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "error under shift against M (task-shift-noise-d3)"
set xlabel "M (test prompt length)"
set ylabel "E(yhat - y)^2"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.sec4.2.tolerated/task-shift-noise-d3-shift-error.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "trained at N = 10", "reports/figures/zfb.sec4.2.tolerated/task-shift-noise-d3-shift-error.csv" using 1:3 skip 1 with linespoints pt 7 ps 0.6 title "trained at N = 1e5", "reports/figures/zfb.sec4.2.tolerated/task-shift-noise-d3-shift-error.csv" using 1:4 skip 1 with lines lw 2 title "noise floor s_q^2"
set output "reports/figures/zfb.sec4.2.tolerated/query-shift-d2-shift-error.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "error under shift against M (query-shift-d2)"
set xlabel "M (test prompt length)"
set ylabel "E(yhat - y)^2"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.sec4.2.tolerated/query-shift-d2-shift-error.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "trained at N = 10", "reports/figures/zfb.sec4.2.tolerated/query-shift-d2-shift-error.csv" using 1:3 skip 1 with linespoints pt 7 ps 0.6 title "trained at N = 1e5"
