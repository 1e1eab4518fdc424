set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/zfb.lemmaA.3/aniso-d2-N5-conservation.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "drift of u^2 - |U|_F^2 from its start value (zfb.lemmaA.3 aniso-d2-N5)"
set xlabel "t (flow time)"
set ylabel "|q(t) - q(0)|"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemmaA.3/aniso-d2-N5-conservation.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "|u^2 - |U|^2 - q(0)|"
set output "reports/figures/zfb.lemmaA.3/aniso-d5-N10-conservation.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "drift of u^2 - |U|_F^2 from its start value (zfb.lemmaA.3 aniso-d5-N10)"
set xlabel "t (flow time)"
set ylabel "|q(t) - q(0)|"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemmaA.3/aniso-d5-N10-conservation.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "|u^2 - |U|^2 - q(0)|"
set output "reports/figures/zfb.lemmaA.3/random-theta-d3-N4-conservation.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "drift of u^2 - |U|_F^2 from its start value (zfb.lemmaA.3 random-theta-d3-N4)"
set xlabel "t (flow time)"
set ylabel "|q(t) - q(0)|"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemmaA.3/random-theta-d3-N4-conservation.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "|u^2 - |U|^2 - q(0)|"
set output "reports/figures/zfb.lemmaA.3/iso-d10-N40-conservation.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "drift of u^2 - |U|_F^2 from its start value (zfb.lemmaA.3 iso-d10-N40)"
set xlabel "t (flow time)"
set ylabel "|q(t) - q(0)|"
set logscale y
set format y '1e%L'
plot "reports/figures/zfb.lemmaA.3/iso-d10-N40-conservation.csv" using 1:2 skip 1 with linespoints pt 7 ps 0.6 title "|u^2 - |U|^2 - q(0)|"
