set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/hops_Au_111.png'
set title 'Na hops: hops/Au/111'
set xlabel 'reaction coordinate (Å)'
set ylabel 'E − E_initial (eV)'
set key top left
plot '/work/main/workflows/campaigns/results/figures/hops_Au_111.png.dat' index 0 with linespoints title 'hcp -> fcc (0.027 eV)'
