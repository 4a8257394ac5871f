# seed: statements and expressions
x = 5; a[1] = "s"; b = 'd\x41\n';
function f(a, x) { local_var i; global_var g; for (i = 0; i < a; i++) { if (i % 2) continue; else break; } return a ** 2; }
foreach k (keys(a)) display(k, f(a:1, x:2));
while (i-- > 0) repeat i++; until i >= 3;
send(data:"x") x 3;
if ((r = recv()) && r =~ "^HTTP/1\.[01] 200" || r !~ 'x') z = [1, "k" => 'v', 0x1f, 017];
y = (-2 ** 3 ** 2 + !a * ~b >>> 1) << (2 >> 3) & 4 ^ 5 | 6 < 7 && a == 1 || b;
ip = 192.168.1.1; s = a >< b; t = a >!< b; u += 1; u -= 1; u *= 2; u /= 2; u %= 3; u <<= 1; u >>= 1; u >>>= 1;
