set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/plateau.closed_form/d1-N5-w1e-3-logistic.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "s = u k along the flow and the closed form (plateau.closed_form d1-N5-w1e-3)"
set xlabel "t (flow time)"
set ylabel "s(t)"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.closed_form/d1-N5-w1e-3-logistic.csv" using 1:2 skip 1 with lines lw 2 title "s from the flow", "reports/figures/plateau.closed_form/d1-N5-w1e-3-logistic.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "closed form"
set output "reports/figures/plateau.closed_form/d3-N10-w1e-10-logistic.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "s = u k along the flow and the closed form (plateau.closed_form d3-N10-w1e-10)"
set xlabel "t (flow time)"
set ylabel "s(t)"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.closed_form/d3-N10-w1e-10-logistic.csv" using 1:2 skip 1 with lines lw 2 title "s from the flow", "reports/figures/plateau.closed_form/d3-N10-w1e-10-logistic.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "closed form"
set output "reports/figures/plateau.closed_form/d10-N40-w1e-30-logistic.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "s = u k along the flow and the closed form (plateau.closed_form d10-N40-w1e-30)"
set xlabel "t (flow time)"
set ylabel "s(t)"
set logscale y
set format y '1e%L'
plot "reports/figures/plateau.closed_form/d10-N40-w1e-30-logistic.csv" using 1:2 skip 1 with lines lw 2 title "s from the flow", "reports/figures/plateau.closed_form/d10-N40-w1e-30-logistic.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "closed form"
