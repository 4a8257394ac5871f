a = 1 + 2 * 3 - 4 / 2 % 3; b = "x" + a; c = 'y' - "y"; d = -5 >>> 2; e = 2 ** 10;
i = 0; while (i < 10) { i++; if (i == 5) continue; } x = "abc" >< "zabcz";
