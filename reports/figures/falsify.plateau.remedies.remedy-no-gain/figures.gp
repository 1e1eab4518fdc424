set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/warmup-isotropic-same-trace-d5-k16-remedy-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap with warmup:1 (falsify.plateau.remedies.remedy-no-gain warmup-isotropic-same-trace-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/warmup-isotropic-same-trace-d5-k16-remedy-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/warmup-isotropic-same-trace-d5-k16-baseline-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap, plain flow (falsify.plateau.remedies.remedy-no-gain warmup-isotropic-same-trace-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/warmup-isotropic-same-trace-d5-k16-baseline-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.1-d20-k4-remedy-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap with mix:0.1 (falsify.plateau.remedies.remedy-no-gain mix-0.1-d20-k4)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.1-d20-k4-remedy-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.1-d20-k4-baseline-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap, plain flow (falsify.plateau.remedies.remedy-no-gain mix-0.1-d20-k4)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.1-d20-k4-baseline-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.5-d5-k16-remedy-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap with mix:0.5 (falsify.plateau.remedies.remedy-no-gain mix-0.5-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.5-d5-k16-remedy-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.5-d5-k16-baseline-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap, plain flow (falsify.plateau.remedies.remedy-no-gain mix-0.5-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/mix-0.5-d5-k16-baseline-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/aux-0.1-d5-k16-remedy-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap with aux:0.1 (falsify.plateau.remedies.remedy-no-gain aux-0.1-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/aux-0.1-d5-k16-remedy-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/falsify.plateau.remedies.remedy-no-gain/aux-0.1-d5-k16-baseline-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "hard-task loss gap, plain flow (falsify.plateau.remedies.remedy-no-gain aux-0.1-d5-k16)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.remedies.remedy-no-gain/aux-0.1-d5-k16-baseline-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
