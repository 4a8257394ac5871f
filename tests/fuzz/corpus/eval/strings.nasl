s = string("a\n", 1, 'b'); t = substr(s, 1, 2); u = strstr(s, "b"); v = split(s, sep:"\n");
w = ereg_replace(string:s, pattern:"a+", replace:"x"); q = egrep(pattern:"b", string:s);
for (i = 0; i < 3; i++) s += crap(length:i, data:"ab"); display(strlen(s), hexstr(s));
