set terminal pngcairo size 1100,2130 font "DejaVu Sans,11" noenhanced
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
set size 1,0.1972
set origin 0,0.8028
set title "/bin/true (pure overhead)"
set yrange [-0.6:10.600000]
set xrange [0.285810:161.312947]
plot 'lat_true.dat' using 2:1:(0.285810):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1690
set origin 0,0.6338
set title "/bin/true, runs 200 ms apart (sporadic submissions)"
set yrange [-0.6:8.600000]
set xrange [0.387416:15.305144]
plot 'lat_spaced.dat' using 2:1:(0.387416):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1831
set origin 0,0.4507
set title "python3 -c pass"
set yrange [-0.6:9.600000]
set xrange [4.243274:165.423658]
plot 'lat_python.dat' using 2:1:(4.243274):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1831
set origin 0,0.2676
set title "Python program printing 1 MB"
set yrange [-0.6:9.600000]
set xrange [5.565804:166.424161]
plot 'lat_print1mb.dat' using 2:1:(5.565804):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1408
set origin 0,0.1268
set title "C hello: gcc, then the program it built"
set yrange [-0.6:6.600000]
set xrange [0.644339:127.876818]
plot 'lat_c_hello.dat' using 2:1:(0.644339):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1268
set origin 0,0.0000
set title "Java hello: javac, then java"
set yrange [-0.6:5.600000]
set xrange [0.872615:1127.756600]
plot 'lat_java_hello.dat' using 2:1:(0.872615):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
unset multiplot
