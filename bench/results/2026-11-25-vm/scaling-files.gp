set terminal pngcairo size 1100,480 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-scaling-files.png"
set multiplot layout 1,2
set title "Run time vs files left in the workdir"
unset xlabel
set ylabel "median ms"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%g"
set logscale x
set logscale y
plot 'files.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#d62728' title 'bare create (tmpfs)', 'files.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'langjail (tmpfs workdir)', 'files.dat' index 2 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#ff7f0e' title 'bare rm -rf (tmpfs)', 'files.dat' index 3 using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb '#2ca02c' title 'bare rm -rf (disk)'
set title "Removing the files: langjail teardown vs rm -rf"
unset xlabel
set ylabel "ms"
set grid
set key bmargin center horizontal Left reverse maxrows 3 width -2
set format x "%g"
set logscale x
set logscale y
plot 'cleanup.dat' index 0 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#d62728' title 'langjail teardown (tmpfs workdir)', 'cleanup.dat' index 1 using 1:2 with linespoints lw 2 pt 7 dt 1 lc rgb '#1f77b4' title 'langjail teardown (disk workdir)'
unset multiplot
