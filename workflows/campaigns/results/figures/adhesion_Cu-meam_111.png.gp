set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Cu-meam_111.png'
set title 'Na film: adhesion/Cu@meam/111'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.6457828554183852 * (1 + (x - 2.482175638458183)/0.523355574307973) * exp(-(x - 2.482175638458183)/0.523355574307973)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Cu-meam_111.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.646 J/m², l = 0.523 Å'
