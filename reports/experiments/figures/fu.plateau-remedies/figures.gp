set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/fu.plateau-remedies/learning-curves.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Held-out in-context loss (items 9..16), mean of 10 seeds; plateau ends at the escape level 2.1"
set xlabel "step"
set ylabel "cross-entropy (uniform logits: ln 15 = 2.708)"
set logscale x
plot "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:2 skip 1 with lines lw 2 title "baseline (mean plateau length 1086 steps, 0 of 10 censored)", "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:3 skip 1 with lines lw 2 title "(a) warm-up 200 steps on m = 1 (mean plateau length 1190 steps, 0 of 10 censored)", "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:4 skip 1 with lines lw 2 title "(b) 25% of each batch from m = 1 (mean plateau length 1576 steps, 4 of 10 censored)", "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:5 skip 1 with lines lw 2 title "(c) extra weights loss x0.1 (mean plateau length 1074 steps, 0 of 10 censored)", "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:6 skip 1 with lines lw 2 title "(d) extra context loss x0.1 (mean plateau length 1086 steps, 0 of 10 censored)", "reports/experiments/figures/fu.plateau-remedies/learning-curves.csv" using 1:7 skip 1 with lines lw 2 dt 2 title "escape level"
set output "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each seed's plateau length per setting (censored runs sit on the budget, 2400 steps)"
set xlabel "seed"
set ylabel "plateau length (steps)"
plot "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "baseline", "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:3 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "(a) warm-up 200 steps on m = 1", "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:4 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "(b) 25% of each batch from m = 1", "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "(c) extra weights loss x0.1", "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:6 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "(d) extra context loss x0.1", "reports/experiments/figures/fu.plateau-remedies/plateau-lengths.csv" using 1:7 skip 1 with lines lw 2 dt 2 title "step budget"
set output "reports/experiments/figures/fu.plateau-remedies/paired-differences.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each seed: plateau length with the remedy minus the baseline's (below 0: shorter)"
set xlabel "seed"
set ylabel "difference of plateau lengths (steps)"
plot "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "(a) warm-up 200 steps on m = 1", "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "(b) 25% of each batch from m = 1", "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:4 skip 1 with points pt 7 ps 0.6 title "(c) extra weights loss x0.1", "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:5 skip 1 with points pt 7 ps 0.6 title "(d) extra context loss x0.1", "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "no change", "reports/experiments/figures/fu.plateau-remedies/paired-differences.csv" using 1:7 skip 1 with lines lw 2 dt 3 title "margin of (d)"
