set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/fu.weights-component/weights-component.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Weights component along training: mean over 5 seeds with its 95% t-band (step 0 drawn at step 1)"
set xlabel "step"
set ylabel "probe accuracy (attention cut, block 1, mean over the 6 factors)"
set logscale x
plot "reports/experiments/figures/fu.weights-component/weights-component.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "m = 1: 95% band", "reports/experiments/figures/fu.weights-component/weights-component.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 1 (easy): mean", "reports/experiments/figures/fu.weights-component/weights-component.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "m = 1000: 95% band", "reports/experiments/figures/fu.weights-component/weights-component.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "m = 1000 (hard): mean"
set output "reports/experiments/figures/fu.weights-component/change-per-seed.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each seed's change of the weights component, last step minus step 0"
set xlabel "seed"
set ylabel "final - initial probe accuracy"
plot "reports/experiments/figures/fu.weights-component/change-per-seed.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "m = 1 (easy)", "reports/experiments/figures/fu.weights-component/change-per-seed.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "m = 1000 (hard)", "reports/experiments/figures/fu.weights-component/change-per-seed.csv" using 1:4 skip 1 with lines lw 2 dt 2 title "no change"
