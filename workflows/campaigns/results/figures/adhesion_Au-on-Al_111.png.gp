set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Au-on-Al_111.png'
set title 'Na film: adhesion/Au-on-Al/111'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -1.029482368161319 * (1 + (x - 2.932779000478604)/0.5081701849577209) * exp(-(x - 2.932779000478604)/0.5081701849577209)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Au-on-Al_111.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 1.029 J/m², l = 0.508 Å'
