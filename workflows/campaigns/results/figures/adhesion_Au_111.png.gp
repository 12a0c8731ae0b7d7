set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Au_111.png'
set title 'Na film: adhesion/Au/111'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -1.0845737205082204 * (1 + (x - 2.928860550020454)/0.5088705713107148) * exp(-(x - 2.928860550020454)/0.5088705713107148)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Au_111.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 1.085 J/m², l = 0.509 Å'
