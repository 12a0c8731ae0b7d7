set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Cu-meam_100.png'
set title 'Na film: adhesion/Cu@meam/100'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.5870695206853215 * (1 + (x - 2.431494626927854)/0.5628746667188157) * exp(-(x - 2.431494626927854)/0.5628746667188157)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Cu-meam_100.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.587 J/m², l = 0.563 Å'
