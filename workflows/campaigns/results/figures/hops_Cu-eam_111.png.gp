set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/hops_Cu-eam_111.png'
set title 'Na hops: hops/Cu@eam/111'
set xlabel 'reaction coordinate (Å)'
set ylabel 'E − E_initial (eV)'
set key top left
plot '/work/main/workflows/campaigns/results/figures/hops_Cu-eam_111.png.dat' index 0 with linespoints title 'hcp -> fcc (0.019 eV)'
