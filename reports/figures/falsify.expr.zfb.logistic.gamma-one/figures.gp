set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.expr.zfb.logistic.gamma-one/iso-d4-N31-along.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "flow.u_path and the prediction along the flow (falsify.expr.zfb.logistic.gamma-one iso-d4-N31)"
set xlabel "t (flow time)"
set ylabel "flow.u_path"
plot "reports/figures/falsify.expr.zfb.logistic.gamma-one/iso-d4-N31-along.csv" using 1:2 skip 1 with lines lw 2 title "measured", "reports/figures/falsify.expr.zfb.logistic.gamma-one/iso-d4-N31-along.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "predicted"
