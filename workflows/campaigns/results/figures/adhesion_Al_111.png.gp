set terminal pngcairo size 640,420
set output '/work/main/workflows/campaigns/results/figures/adhesion_Al_111.png'
set title 'Na film: adhesion/Al/111'
set xlabel 'film separation d (Å)'
set ylabel 'E (J/m²)'
f(x) = -0.7423219617302828 * (1 + (x - 3.031440344831134)/0.6426015490258221) * exp(-(x - 3.031440344831134)/0.6426015490258221)
plot '/work/main/workflows/campaigns/results/figures/adhesion_Al_111.png.dat' with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = 0.742 J/m², l = 0.643 Å'
