set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/catalog/digits-vs-precision.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Theorem 4.1: digits of agreement with the closed-form limit against working precision (Lambda = diag(0.5, 2), N = 5)"
set xlabel "working precision D (decimal digits asked for)"
set ylabel "digits of agreement"
plot "reports/figures/catalog/digits-vs-precision.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "digits of agreement (flow limit vs closed form)", "reports/figures/catalog/digits-vs-precision.csv" using 1:3 skip 1 with lines lw 2 title "D (ideal)", "reports/figures/catalog/digits-vs-precision.csv" using 1:4 skip 1 with lines lw 2 title "D - 10 (required)"
