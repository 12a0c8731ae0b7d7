set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/hops_Cu-eam_100.png'
set title 'Na hops: hops/Cu@eam/100'
set xlabel 'reaction coordinate (Å)'
set ylabel 'E − E_initial (eV)'
set key top left
plot '/work/main/workflows/campaigns/results/figures/hops_Cu-eam_100.png.dat' index 0 with linespoints title 'hollow -> hollow (0.110 eV)'
