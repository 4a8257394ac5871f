# SPDX-License-Identifier: GPL-2.0-or-later
# tests/e2e/listen.py: opens real listening sockets for the end-to-end tests.
# Arguments: tcp:ADDR or udp:ADDR (port 0: the kernel picks); prints each
# bound port on its own line, then waits until killed or stdin closes.
import socket, sys, time

socks = []
for spec in sys.argv[1:]:
    proto, addr = spec.split(":", 1)
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(fam, kind)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, 0))
    if proto == "tcp":
        s.listen(5)
    socks.append(s)
    print(s.getsockname()[1], flush=True)
while True:
    time.sleep(3600)
