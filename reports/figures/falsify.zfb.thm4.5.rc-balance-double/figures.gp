set terminal svg size 800,520 dynamic font 'sans,12' background rgb 'white'
