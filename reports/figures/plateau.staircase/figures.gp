set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/plateau.staircase/d3-H3-w1e-3-separate-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "separate key/query: L - L* (plateau.staircase d3-H3-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d3-H3-w1e-3-separate-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/plateau.staircase/d3-H3-w1e-3-merged-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "merged key-query: L - L* (plateau.staircase d3-H3-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d3-H3-w1e-3-merged-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/plateau.staircase/d3-H1-w1e-3-separate-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "separate key/query: L - L* (plateau.staircase d3-H1-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d3-H1-w1e-3-separate-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/plateau.staircase/d3-H1-w1e-3-merged-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "merged key-query: L - L* (plateau.staircase d3-H1-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d3-H1-w1e-3-merged-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/plateau.staircase/d4-H4-w1e-3-separate-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "separate key/query: L - L* (plateau.staircase d4-H4-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale x
set format x '1e%L'
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d4-H4-w1e-3-separate-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
set output "reports/figures/plateau.staircase/d4-H4-w1e-3-merged-loss.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "merged key-query: L - L* (plateau.staircase d4-H4-w1e-3)"
set xlabel "t (flow time)"
set ylabel "L(t) - L*"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.staircase/d4-H4-w1e-3-merged-loss.csv" using 1:2 skip 1 with lines lw 2 title "L(t) - L*"
