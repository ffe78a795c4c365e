set terminal pngcairo size 1100,480 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-throughput.png"
set multiplot layout 1,2
set grid
set logscale x 2
set xtics (1,2,4,8,16)
set xrange [0.8:20]
unset xlabel
set key bmargin center horizontal Left reverse maxrows 3 width -2
set title "Throughput: /bin/true runs per second vs concurrent workers"
set ylabel "runs/s (log scale)"
set logscale y
plot 'throughput.dat' using 1:2 with linespoints lw 2 pt 7 lc rgb '#555555' title 'bare', 'throughput.dat' using 1:3 with linespoints lw 2 pt 7 lc rgb '#8c564b' title 'floor (fork+setrlimit+exec)', 'throughput.dat' using 1:4 with linespoints lw 2 pt 7 lc rgb '#d62728' title 'langjail --unsafe', 'throughput.dat' using 1:5 with linespoints lw 2 pt 7 lc rgb '#d62728' title 'langjail --unsafe, fresh netns (netns\_pool = 0)', 'throughput.dat' using 1:6 with linespoints lw 2 pt 7 lc rgb '#ff9896' title 'langjail, every layer off', 'throughput.dat' using 1:7 with linespoints lw 2 pt 7 lc rgb '#ff7f0e' title 'langjail, all but netns', 'throughput.dat' using 1:8 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title 'bwrap', 'throughput.dat' using 1:9 with linespoints lw 2 pt 7 lc rgb '#2ca02c' title 'unshare'
set title "Latency per run under load (workers / rate)"
set ylabel "ms per run (log scale)"
set logscale y
plot 'throughput.dat' using 1:($1*1000/$2) with linespoints lw 2 pt 7 lc rgb '#555555' title 'bare', 'throughput.dat' using 1:($1*1000/$3) with linespoints lw 2 pt 7 lc rgb '#8c564b' title 'floor (fork+setrlimit+exec)', 'throughput.dat' using 1:($1*1000/$4) with linespoints lw 2 pt 7 lc rgb '#d62728' title 'langjail --unsafe', 'throughput.dat' using 1:($1*1000/$5) with linespoints lw 2 pt 7 lc rgb '#d62728' title 'langjail --unsafe, fresh netns (netns\_pool = 0)', 'throughput.dat' using 1:($1*1000/$6) with linespoints lw 2 pt 7 lc rgb '#ff9896' title 'langjail, every layer off', 'throughput.dat' using 1:($1*1000/$7) with linespoints lw 2 pt 7 lc rgb '#ff7f0e' title 'langjail, all but netns', 'throughput.dat' using 1:($1*1000/$8) with linespoints lw 2 pt 7 lc rgb '#1f77b4' title 'bwrap', 'throughput.dat' using 1:($1*1000/$9) with linespoints lw 2 pt 7 lc rgb '#2ca02c' title 'unshare'
unset multiplot
