set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.finite-sample.rate-minus-1/d2-N4-distance-vs-B.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "|P_B - P*|_F against the number of prompts B (d = 2, N = 4, 20 seeds per B)"
set xlabel "B (prompts)"
set ylabel "|P_B - P*|_F"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.finite-sample.rate-minus-1/d2-N4-distance-vs-B.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "geometric mean distance (measured)", "reports/figures/falsify.zfb.finite-sample.rate-minus-1/d2-N4-distance-vs-B.csv" using 1:3 skip 1 with lines lw 2 title "fitted exp(a) B^s", "reports/figures/falsify.zfb.finite-sample.rate-minus-1/d2-N4-distance-vs-B.csv" using 1:4 skip 1 with points pt 7 ps 0.6 title "RMS distance (measured)", "reports/figures/falsify.zfb.finite-sample.rate-minus-1/d2-N4-distance-vs-B.csv" using 1:5 skip 1 with lines lw 2 title "predicted sqrt(C/B) (slope -1/2, sandwich C)"
