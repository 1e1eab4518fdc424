set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/fu.plateau-scan/learning-curves.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Held-out in-context loss (items 9..16), mean of 5 seeds; plateau ends at the escape level 2.1"
set xlabel "step"
set ylabel "cross-entropy (uniform logits: ln 15 = 2.708)"
set logscale x
plot "reports/experiments/figures/fu.plateau-scan/learning-curves.csv" using 1:2 skip 1 with lines lw 2 title "m = 1 (mean plateau length 84 steps, 0 of 5 censored)", "reports/experiments/figures/fu.plateau-scan/learning-curves.csv" using 1:3 skip 1 with lines lw 2 title "m = 3 (mean plateau length 180 steps, 0 of 5 censored)", "reports/experiments/figures/fu.plateau-scan/learning-curves.csv" using 1:4 skip 1 with lines lw 2 title "m = 10 (mean plateau length 872 steps, 2 of 5 censored)", "reports/experiments/figures/fu.plateau-scan/learning-curves.csv" using 1:5 skip 1 with lines lw 2 title "m = 1000 (mean plateau length 1200 steps, 5 of 5 censored)", "reports/experiments/figures/fu.plateau-scan/learning-curves.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "escape level"
set output "reports/experiments/figures/fu.plateau-scan/plateau-lengths.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each seed's plateau length per setting (censored runs sit on the budget, 1200 steps)"
set xlabel "seed"
set ylabel "plateau length (steps)"
plot "reports/experiments/figures/fu.plateau-scan/plateau-lengths.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 1", "reports/experiments/figures/fu.plateau-scan/plateau-lengths.csv" using 1:3 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 3", "reports/experiments/figures/fu.plateau-scan/plateau-lengths.csv" using 1:4 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 10", "reports/experiments/figures/fu.plateau-scan/plateau-lengths.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 1000", "reports/experiments/figures/fu.plateau-scan/plateau-lengths.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "step budget"
set output "reports/experiments/figures/fu.plateau-scan/length-vs-change.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each run: plateau length against the weights component's change (censored runs at the budget, 1200 steps)"
set xlabel "weights component at the last step - at step 0"
set ylabel "plateau length (steps)"
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/fu.plateau-scan/length-vs-change.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "m = 1", "reports/experiments/figures/fu.plateau-scan/length-vs-change.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "m = 3", "reports/experiments/figures/fu.plateau-scan/length-vs-change.csv" using 1:4 skip 1 with points pt 7 ps 0.6 title "m = 10", "reports/experiments/figures/fu.plateau-scan/length-vs-change.csv" using 1:5 skip 1 with points pt 7 ps 0.6 title "m = 1000", "reports/experiments/figures/fu.plateau-scan/length-vs-change.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "step budget (censored runs sit on it)"
