set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
set output "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d3-N2-hessian-eigenvalues.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Hessian of L at the origin over (a, b, C, c): eigenvalues (exact inertia; values in mpfr 50)"
set xlabel "index (ascending)"
set ylabel "eigenvalue"
plot "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d3-N2-hessian-eigenvalues.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "eigenvalue", "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d3-N2-hessian-eigenvalues.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "negative eigenvalue"
set output "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d6-N10-hessian-eigenvalues.svg"
reset
set datafile separator ','
set termoption noenhanced
set grid
set key outside below
set title "Hessian of L at the origin over (a, b, C, c): eigenvalues (mpfr 50, margin 5.85e-65)"
set xlabel "index (ascending)"
set ylabel "eigenvalue"
plot "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d6-N10-hessian-eigenvalues.csv" using 1:2 skip 1 with points pt 7 ps 0.6 title "eigenvalue", "reports/figures/falsify.zfb.lemma5.1-nonconvex.hessian-count-d/d6-N10-hessian-eigenvalues.csv" using 1:3 skip 1 with points pt 7 ps 0.6 title "negative eigenvalue"
