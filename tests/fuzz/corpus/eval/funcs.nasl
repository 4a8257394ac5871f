function f(a, b) { local_var c; c = a + b + _FCT_ANON_ARGS[0]; return c; }
function r(n) { if (n <= 0) return 0; return 1 + r(n: n - 1); }
x = f(1, a:2, b:3); y = r(n:50); f() x 3; function on_exit() { z = 1; }
if (x =~ "^[0-9]+$") exit(0);
