a = make_list(1, "two", 'three'); a['k'] = 5; a["j"] = make_array("x", 1);
foreach v (a) { s += v; } b = a; b[7] = NULL; k = keys(a); n = max_index(b);
l = ['a' => 1, 2, 'b' => 'v']; display(l, a[0], s[1], typeof(z[3]));
