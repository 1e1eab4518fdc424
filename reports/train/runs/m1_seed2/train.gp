set terminal svg size 900,900 dynamic font 'sans,12' background rgb 'white'
set output 'reports/train/runs/m1_seed2/train.svg'
set datafile separator ','
set termoption noenhanced
set multiplot layout 2,1
set grid
set key outside below
set logscale x
set format x '1e%L'
set xrange [1:1500]
set title 'Learning curve: factor (L=3 H=2 width=32, adam lr=0.001 batch=32 seed=2)'
set xlabel 'step'
set ylabel 'loss'
set arrow 1 from 231,graph 0 to 231,graph 1 nohead lw 2 lc rgb 'red'
set label 1 'plateau ends: step 231' at 231,graph 0.95 left offset 0.5,0 tc rgb 'red'
plot 'reports/train/runs/m1_seed2/curve.csv' using 1:2 skip 1 with lines lw 1 title 'training loss', 'reports/train/runs/m1_seed2/curve.csv' using 1:3 skip 1 with lines lw 1 title 'in-context loss (second half of the prompt)', 2.70805020110221 with lines lw 2 lc rgb 'gray50' title 'uniform prediction'
unset arrow 1
unset label 1
set title 'Probes at block 1: weights component (attention cut), context component, in-context accuracy'
set ylabel 'held-out accuracy'
plot 'reports/train/runs/m1_seed2/probes.csv' using 1:2 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'weights component (factor accuracy)', 'reports/train/runs/m1_seed2/probes.csv' using 1:3 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'context component (which factor)', 'reports/train/runs/m1_seed2/probes.csv' using 1:4 skip 1 with linespoints pt 7 ps 0.6 lw 2 title 'in-context accuracy at the last position', 0.9080403645833334 with lines lw 1 lc rgb 'gray50' title 'weights component at initialisation'
unset multiplot
