set terminal pngcairo size 1100,2040 font "DejaVu Sans,11" noenhanced
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
set size 1,0.1912
set origin 0,0.8088
set title "/bin/true (pure overhead)"
set yrange [-0.6:9.600000]
set xrange [0.285363:185.664662]
plot 'lat_true.dat' using 2:1:(0.285363):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1618
set origin 0,0.6471
set title "/bin/true, runs 200 ms apart (sporadic submissions)"
set yrange [-0.6:7.600000]
set xrange [0.478622:19.873869]
plot 'lat_spaced.dat' using 2:1:(0.478622):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1765
set origin 0,0.4706
set title "python3 -c pass"
set yrange [-0.6:8.600000]
set xrange [4.430481:174.210681]
plot 'lat_python.dat' using 2:1:(4.430481):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1912
set origin 0,0.2794
set title "Python program printing 1 MB"
set yrange [-0.6:9.600000]
set xrange [5.876161:174.857328]
plot 'lat_print1mb.dat' using 2:1:(5.876161):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1471
set origin 0,0.1324
set title "C hello: gcc, then the program it built"
set yrange [-0.6:6.600000]
set xrange [0.655758:127.194105]
plot 'lat_c_hello.dat' using 2:1:(0.655758):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
set size 1,0.1324
set origin 0,0.0000
set title "Java hello: javac, then java"
set yrange [-0.6:5.600000]
set xrange [0.933302:1264.338484]
plot 'lat_java_hello.dat' using 2:1:(0.933302):2:($1-0.35):($1+0.35):6:ytic(5) with boxxyerror lc rgb variable, '' using 2:1:3:4 with xerrorbars pt 0 lc rgb 'black', '' using ($4*1.08):1:7 with labels left font ',9'
unset multiplot
