set terminal pngcairo size 1000,520 font "DejaVu Sans,11" noenhanced
set output "/work/main/bench/results/2026-11-25-vm-layers.png"
set title "What each kernel layer costs per run (medians; /bin/true unless marked)"
set ylabel "ms per run"
set grid ytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set xtics nomirror
set xzeroaxis lt -1
plot 'layers.dat' using 3:xtic(2) title 'only this layer: added over every layer off' lc rgb '#d62728', '' using 4 title 'all but this layer: saved vs all layers' lc rgb '#1f77b4', '' using 5 title 'python3 -c pass, all but this layer: saved vs all layers' lc rgb '#2ca02c'
