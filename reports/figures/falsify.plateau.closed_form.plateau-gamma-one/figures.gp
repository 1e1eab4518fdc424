set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.plateau.closed_form.plateau-gamma-one/d3-N10-w1e-10-logistic.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "s = u k along the flow and the closed form (falsify.plateau.closed_form.plateau-gamma-one d3-N10-w1e-10)"
set xlabel "t (flow time)"
set ylabel "s(t)"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.plateau.closed_form.plateau-gamma-one/d3-N10-w1e-10-logistic.csv" using 1:2 skip 1 with lines lw 2 title "s from the flow", "reports/figures/falsify.plateau.closed_form.plateau-gamma-one/d3-N10-w1e-10-logistic.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "closed form"
