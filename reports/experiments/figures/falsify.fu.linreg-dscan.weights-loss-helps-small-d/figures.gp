set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-component-vs-d.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Weights component against d: mean over 10 seeds with its 95% t-interval"
set xlabel "d"
set ylabel "held-out relative error of x from the attention-cut block 1 (lower is better)"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-component-vs-d.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "step 0: 95% band", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-component-vs-d.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "step 0: mean", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-component-vs-d.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "step 800: 95% band", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-component-vs-d.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "step 800: mean"
set output "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/change-per-run.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each run's change of the weights component's relative error, last step minus step 0 (above 0: degraded)"
set xlabel "d"
set ylabel "final - initial relative error"
set logscale x
plot "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/change-per-run.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "one run", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/change-per-run.csv" using 1:3 skip 1 with lines lw 2 dt 2 title "no change"
set output "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-loss-benefit.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Each seed: ln(in-context loss without the extra weights loss (x0.1) / with it) (above 0: it helps)"
set xlabel "seed"
set ylabel "benefit of the extra weights loss"
plot "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-loss-benefit.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "d = 2", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-loss-benefit.csv" using 1:3 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "d = 32", "reports/experiments/figures/falsify.fu.linreg-dscan.weights-loss-helps-small-d/weights-loss-benefit.csv" using 1:4 skip 1 with lines lw 2 dt 2 title "no benefit"
