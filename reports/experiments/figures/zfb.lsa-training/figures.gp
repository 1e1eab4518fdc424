set terminal svg size 820,540 dynamic font 'sans,12' background rgb 'white'
set output "reports/experiments/figures/zfb.lsa-training/distance-to-flow.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "SGD at lr 0.02 against the exact flow at t = steps x lr (RMS over 8 seeds)"
set xlabel "steps"
set ylabel "|W_SGD(k) - W_flow(k lr)|"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:3 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 16", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:4 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 64", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 256", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:6 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 1024", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:7 skip 1 with lines lw 2 dt 2 title "allowance E + 3n at B = 1024", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:8 skip 1 with lines lw 2 dt 3 title "Euler error E of GD at lr", "reports/experiments/figures/zfb.lsa-training/distance-to-flow.csv" using 1:9 skip 1 with lines lw 2 title "|W_flow(k lr) - W*|"
set output "reports/experiments/figures/zfb.lsa-training/distance-to-limit.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Distance to Theorem 4.1's closed-form limit W* (RMS over seeds)"
set xlabel "steps"
set ylabel "|W(k) - W*|"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/zfb.lsa-training/distance-to-limit.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "SGD lr = 0.01, B = 64", "reports/experiments/figures/zfb.lsa-training/distance-to-limit.csv" using 3:4 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "SGD lr = 0.02, B = 64", "reports/experiments/figures/zfb.lsa-training/distance-to-limit.csv" using 5:6 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "SGD lr = 0.04, B = 64", "reports/experiments/figures/zfb.lsa-training/distance-to-limit.csv" using 7:8 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "Adam lr = 0.01, B = 64"
set output "reports/experiments/figures/zfb.lsa-training/scaling-B.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Fluctuation of the end point against B (fit with its 99.17% band)"
set xlabel "B"
set ylabel "|W_s(K) - mean of the other seeds|"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/zfb.lsa-training/scaling-B.csv" using 1:4:5 skip 1 with filledcurves fs transparent solid 0.25 noborder title "99.17% band of the fit", "reports/experiments/figures/zfb.lsa-training/scaling-B.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "seeds", "reports/experiments/figures/zfb.lsa-training/scaling-B.csv" using 1:3 skip 1 with lines lw 2 title "fit, slope -0.848", "reports/experiments/figures/zfb.lsa-training/scaling-B.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "predicted slope -0.5 (through the data's centre)"
set output "reports/experiments/figures/zfb.lsa-training/scaling-lr.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Fluctuation of the end point against lr (fit with its 99.17% band)"
set xlabel "lr"
set ylabel "|W_s(K) - mean of the other seeds|"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/zfb.lsa-training/scaling-lr.csv" using 1:4:5 skip 1 with filledcurves fs transparent solid 0.25 noborder title "99.17% band of the fit", "reports/experiments/figures/zfb.lsa-training/scaling-lr.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "seeds", "reports/experiments/figures/zfb.lsa-training/scaling-lr.csv" using 1:3 skip 1 with lines lw 2 title "fit, slope 0.503", "reports/experiments/figures/zfb.lsa-training/scaling-lr.csv" using 1:6 skip 1 with lines lw 2 dt 2 title "predicted slope 0.5 (through the data's centre)"
set output "reports/experiments/figures/zfb.lsa-training/balance.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Drift of the conserved quantity |p|^2 - |W^KQ|^2 under SGD at lr 0.02 (mean over seeds; the flow keeps 0)"
set xlabel "steps"
set ylabel "-(|p|^2 - |W^KQ|^2)"
set logscale x
set logscale y
set format y '1e%L'
plot "reports/experiments/figures/zfb.lsa-training/balance.csv" using 1:2 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 16", "reports/experiments/figures/zfb.lsa-training/balance.csv" using 1:3 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 64", "reports/experiments/figures/zfb.lsa-training/balance.csv" using 1:4 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 256", "reports/experiments/figures/zfb.lsa-training/balance.csv" using 1:5 skip 1 with linespoints lw 2 pt 7 ps 0.5 title "B = 1024"
