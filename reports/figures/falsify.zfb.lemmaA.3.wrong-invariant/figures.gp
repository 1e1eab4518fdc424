set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.lemmaA.3.wrong-invariant/aniso-d2-N5-conservation.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "drift of u^2 - |U|_F^2 from its start value (falsify.zfb.lemmaA.3.wrong-invariant aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "|q(t) - q(0)|"
set logscale y
set format y '1e%L'
plot "reports/figures/falsify.zfb.lemmaA.3.wrong-invariant/aniso-d2-N5-conservation.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "|u^2 - |U|^2 - q(0)|"
