set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Lambda = I: error/d against M (N = 10; dashed: M = N, first untrained; 90% bands, 1000 resamples)"
set xlabel "M (in-context examples before the query)"
set ylabel "squared error / d (log scale; least squares' ~0 beyond M = d falls below the axis)"
set logscale y
set format y '1e%L'
set arrow from 10, graph 0 to 10, graph 1 nohead dt 2 lw 1.5
set yrange [1e-3:*]
plot "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on fixed Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on fixed Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on random Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on random Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:8 skip 1 with lines lw 2 title "least squares", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-fixed-identity.csv" using 1:11 skip 1 with lines lw 2 title "zero estimator"
set output "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "random c Lambda, c = 1: error/d against M (N = 10; dashed: M = N, first untrained; 90% bands, 1000 resamples)"
set xlabel "M (in-context examples before the query)"
set ylabel "squared error / d (log scale; least squares' ~0 beyond M = d falls below the axis)"
set logscale y
set format y '1e%L'
set arrow from 10, graph 0 to 10, graph 1 nohead dt 2 lw 1.5
set yrange [1e-3:*]
plot "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on fixed Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on fixed Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on random Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on random Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:8 skip 1 with lines lw 2 title "least squares", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:11 skip 1 with lines lw 2 title "zero estimator", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:14 skip 1 with lines lw 2 dt 2 title "LSA limit (M, N -> infinity)", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c1.csv" using 1:15 skip 1 with lines lw 2 dt 3 title "LSA trained at N = 10 on random Lambda"
set output "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "random c Lambda, c = 4: error/d against M (N = 10; dashed: M = N, first untrained; 90% bands, 1000 resamples)"
set xlabel "M (in-context examples before the query)"
set ylabel "squared error / d (log scale; least squares' ~0 beyond M = d falls below the axis)"
set logscale y
set format y '1e%L'
set arrow from 10, graph 0 to 10, graph 1 nohead dt 2 lw 1.5
set yrange [1e-3:*]
plot "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on fixed Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on fixed Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on random Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on random Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:8 skip 1 with lines lw 2 title "least squares", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:11 skip 1 with lines lw 2 title "zero estimator", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:14 skip 1 with lines lw 2 dt 2 title "LSA limit (M, N -> infinity)", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c4.csv" using 1:15 skip 1 with lines lw 2 dt 3 title "LSA trained at N = 10 on random Lambda"
set output "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "random c Lambda, c = 9: error/d against M (N = 10; dashed: M = N, first untrained; 90% bands, 1000 resamples)"
set xlabel "M (in-context examples before the query)"
set ylabel "squared error / d (log scale; least squares' ~0 beyond M = d falls below the axis)"
set logscale y
set format y '1e%L'
set arrow from 10, graph 0 to 10, graph 1 nohead dt 2 lw 1.5
set yrange [1e-3:*]
plot "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:3:4 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on fixed Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on fixed Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:6:7 skip 1 with filledcurves fs transparent solid 0.25 noborder title "trained on random Lambda: 90% band", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "trained on random Lambda", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:8 skip 1 with lines lw 2 title "least squares", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:11 skip 1 with lines lw 2 title "zero estimator", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:14 skip 1 with lines lw 2 dt 2 title "LSA limit (M, N -> infinity)", "reports/experiments/figures/falsify.zfb.gpt2-covariance.fixed-tolerates-large-c/test-random-c9.csv" using 1:15 skip 1 with lines lw 2 dt 3 title "LSA trained at N = 10 on random Lambda"
