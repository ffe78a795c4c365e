set terminal pngcairo size 1100,480 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-scaling-inputs.png"
set multiplot layout 1,2
set title "Time vs argv size, /bin/true"
unset xlabel
set ylabel "median ms"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%.0s%cB"
set logscale x
unset logscale y
set yrange [0:*]
plot 'argv.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#555555' title 'bare', 'argv.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#8c564b' title 'floor', 'argv.dat' index 2 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'langjail --unsafe'
set title "Time vs input size, cat"
unset xlabel
set ylabel "median ms"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%.0s%cB"
set logscale x
set logscale y
set yrange [*:*]
plot 'input.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#555555' title 'bare (stdin)', 'input.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'langjail -i', 'input.dat' index 2 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#ff7f0e' title 'langjail -f'
unset multiplot
