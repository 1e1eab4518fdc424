set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/zfb.footnote2/iso-d3-N4-gap-vs-kappa.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "err(best scalar GD step) - err(trained layer), Lambda = diag(linspace(1, kappa, 3)), N = M = 4"
set xlabel "condition number kappa"
set ylabel "error gap"
plot "reports/figures/zfb.footnote2/iso-d3-N4-gap-vs-kappa.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "gap (engine)", "reports/figures/zfb.footnote2/iso-d3-N4-gap-vs-kappa.csv" using 1:3 skip 1 with lines lw 2 title "gap (closed form)", "reports/figures/zfb.footnote2/iso-d3-N4-gap-vs-kappa.csv" using 1:4 skip 1 with linespoints pt 7 ps 0.6 title "gap / error of trained layer (engine)"
set output "reports/figures/zfb.footnote2/d2-N4-gap-vs-kappa.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "err(best scalar GD step) - err(trained layer), Lambda = diag(linspace(1, kappa, 2)), N = M = 4"
set xlabel "condition number kappa"
set ylabel "error gap"
plot "reports/figures/zfb.footnote2/d2-N4-gap-vs-kappa.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "gap (engine)", "reports/figures/zfb.footnote2/d2-N4-gap-vs-kappa.csv" using 1:3 skip 1 with lines lw 2 title "gap (closed form)", "reports/figures/zfb.footnote2/d2-N4-gap-vs-kappa.csv" using 1:4 skip 1 with linespoints pt 7 ps 0.6 title "gap / error of trained layer (engine)"
set output "reports/figures/zfb.footnote2/d2-N3-nondiagonal-gap-vs-kappa.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "err(best scalar GD step) - err(trained layer), Lambda = diag(linspace(1, kappa, 2)), N = M = 3"
set xlabel "condition number kappa"
set ylabel "error gap"
plot "reports/figures/zfb.footnote2/d2-N3-nondiagonal-gap-vs-kappa.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "gap (engine)", "reports/figures/zfb.footnote2/d2-N3-nondiagonal-gap-vs-kappa.csv" using 1:3 skip 1 with lines lw 2 title "gap (closed form)", "reports/figures/zfb.footnote2/d2-N3-nondiagonal-gap-vs-kappa.csv" using 1:4 skip 1 with linespoints pt 7 ps 0.6 title "gap / error of trained layer (engine)"
set output "reports/figures/zfb.footnote2/d3-N5-gap-vs-kappa.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "err(best scalar GD step) - err(trained layer), Lambda = diag(linspace(1, kappa, 3)), N = M = 5"
set xlabel "condition number kappa"
set ylabel "error gap"
plot "reports/figures/zfb.footnote2/d3-N5-gap-vs-kappa.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "gap (engine)", "reports/figures/zfb.footnote2/d3-N5-gap-vs-kappa.csv" using 1:3 skip 1 with lines lw 2 title "gap (closed form)", "reports/figures/zfb.footnote2/d3-N5-gap-vs-kappa.csv" using 1:4 skip 1 with linespoints pt 7 ps 0.6 title "gap / error of trained layer (engine)"
