set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Al_100.png'
set title 'Na film: adhesion/Al/100'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.7276395981010807 * (1 + (x - 2.9842289357819483)/0.6498668547867648) * exp(-(x - 2.9842289357819483)/0.6498668547867648)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Al_100.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.728 J/m², l = 0.650 Å'
