set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Cu-eam_111.png'
set title 'Na film: adhesion/Cu@eam/111'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.9448843199804516 * (1 + (x - 2.6580914656192127)/0.5309785822277137) * exp(-(x - 2.6580914656192127)/0.5309785822277137)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Cu-eam_111.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.945 J/m², l = 0.531 Å'
