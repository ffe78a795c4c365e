set terminal pngcairo size 1100,480 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-scaling-output.png"
set multiplot layout 1,2
set title "Run time vs bytes the program writes"
unset xlabel
set ylabel "median ms"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%.0s%cB"
set logscale x
set logscale y
plot 'output.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#555555' title 'bare (to a pipe)', 'output.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'langjail stream', 'output.dat' index 2 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#ff9896' title 'langjail stream, cap 64K', 'output.dat' index 3 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#1f77b4' title 'langjail --json', 'output.dat' index 4 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#aec7e8' title 'langjail --json, cap 64K'
set title "Supervisor peak RSS vs bytes the program writes"
unset xlabel
set ylabel "kB (langjail process alone)"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%.0s%cB"
set logscale x
set logscale y
plot 'memory.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'stream', 'memory.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#1f77b4' title '--json (capture)'
unset multiplot
