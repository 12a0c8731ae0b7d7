set terminal pngcairo noenhanced size 800,700
set output 'na_al100_pes.png'
set datafile separator ','
set title 'adatom PES (E - E_min, eV); saddle 0.1420 eV'
set xlabel 'x (A)'
set ylabel 'y (A)'
set size ratio -1
set palette rgbformulae 33,13,10
plot 'na_al100_pes.csv' every ::1 using 1:2:5 with points pt 5 ps 2.5 palette notitle
