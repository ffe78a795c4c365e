set terminal pngcairo size 1100,1470 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-latency.png"
set multiplot
set logscale x
set grid xtics mxtics
set style fill solid 0.8 border -1
set xlabel "median ms per run, log scale (whiskers: p25-p75)"
unset key
set lmargin 42
set rmargin 4
set tmargin 2.5
set bmargin 3.2
set size 1,0.2653
set origin 0,0.7347
set title "/bin/true (pure overhead)"
set yrange [-0.6:9.600000]
set xrange [0.294057:163.715835]
plot 'lat_true.dat' using 2:1:(0.294057):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.2245
set origin 0,0.5102
set title "/bin/true, runs 200 ms apart (sporadic submissions)"
set yrange [-0.6:7.600000]
set xrange [0.388846:56.860576]
plot 'lat_spaced.dat' using 2:1:(0.388846):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.2449
set origin 0,0.2653
set title "python3 -c pass"
set yrange [-0.6:8.600000]
set xrange [4.755894:164.520149]
plot 'lat_python.dat' using 2:1:(4.755894):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.2653
set origin 0,-0.0000
set title "Python program printing 1 MB"
set yrange [-0.6:9.600000]
set xrange [5.712813:172.717976]
plot 'lat_print1mb.dat' using 2:1:(5.712813):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
unset multiplot
