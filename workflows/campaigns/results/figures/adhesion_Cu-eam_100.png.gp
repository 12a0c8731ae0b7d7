set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Cu-eam_100.png'
set title 'Na film: adhesion/Cu@eam/100'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.886502640667056 * (1 + (x - 2.6452858857587676)/0.5345435703541029) * exp(-(x - 2.6452858857587676)/0.5345435703541029)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Cu-eam_100.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.887 J/m², l = 0.535 Å'
