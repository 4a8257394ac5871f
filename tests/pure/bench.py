#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""bench.py: the pure-NASL bench: its inputs, and timed runs of interpreters over them.

usage: bench.py inputs FOLDER
       bench.py run RUNS LABEL COMMAND...   (best CPU time of RUNS runs, and that run's wall time)

The inputs (deterministic):

netstat.txt   a Windows "netstat -ano" listing of 100 rows (CRLF)
tasklist.txt  a "tasklist /svc" listing of the processes behind them
policy.audit  a 200-item policy: 50 allowed-port and 50 denied-port lists,
              100 process-on-port checks (half CHECK_REGEX), with header
              variables, info lines, and a group
"""
import os
import random
import re
import resource
import subprocess
import sys
import time


def run(runs, label, cmd):
    """Runs cmd runs times; prints the best CPU time (user + system) and its wall time."""
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        out = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0:
            sys.stdout.write(out)
            sys.exit("bench: %s failed (status %d)" % (label, p.returncode))
        if best is None or cpu < best[0]:
            best = (cpu, wall, out)
    print("  %-44s cpu %5.2f s   wall %5.2f s" % (label, best[0], best[1]))
    for line in best[2].splitlines():
        line = re.sub(r"^lib  nasl-Message: [0-9:.]+: ", "", line)
        if line.startswith("path "):
            print("    " + line)


if sys.argv[1] == "run":
    run(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
    sys.exit(0)

out = sys.argv[2]
random.seed(7)
pids = [4, 512, 612, 700, 812, 900, 1024, 1100, 1200, 1300, 1400, 2200, 3100, 4000, 4444]
names = ["System", "smss.exe", "csrss.exe", "wininit.exe", "services.exe", "lsass.exe", "svchost.exe",
         "spoolsv.exe", "sqlservr.exe", "vmtoolsd.exe", "svchost.exe", "w3wp.exe", "explorer.exe",
         "MsMpEng.exe", "nginx.exe"]
rows = ["", "Active Connections", "", "  Proto  Local Address          Foreign Address        State           PID"]
for i in range(100):
    pid = random.choice(pids)
    if i % 3 == 0:
        rows.append("  UDP    0.0.0.0:%d           *:*                                    %d" % (5000 + i, pid))
    elif i % 5 == 0:
        rows.append("  TCP    [::]:%d              [::]:0                 LISTENING       %d" % (5000 + i, pid))
    else:
        rows.append("  TCP    0.0.0.0:%d           0.0.0.0:0              LISTENING       %d" % (5000 + i, pid))
open(out + "/netstat.txt", "w").write("\r\n".join(rows) + "\r\n")
tl = ["", "Image Name                     PID Services",
      "========================= ======== ============================================"]
for pid, n in zip(pids, names):
    tl.append("%-25s %8d %s" % (n, pid, "BrokerInfrastructure, DcomLaunch, LSM," if n == "svchost.exe" else "N/A"))
    if n == "svchost.exe":
        tl.append("%-25s %8s %s" % ("", "", "PlugPlay, Power, SystemEventsBroker"))
open(out + "/tasklist.txt", "w").write("\r\n".join(tl) + "\r\n")
p = ["#<ui_metadata>", "#<display_name>Bench</display_name>", "#<variables>", "#  <variable>",
     "#    <name>ALLOWED</name>", "#    <default>80,443,5000-5100</default>", "#  </variable>",
     "#</variables>", "#</ui_metadata>", "", '<check_type:"Windows" version:"2">',
     '<group_policy:"Bench ports">']
for i in range(200):
    p.append("<custom_item>")
    k = i % 4
    if k == 0:
        p += ["  type        : AUDIT_ALLOWED_OPEN_PORTS", '  description : "Allowed ports %d"' % i,
              '  info        : "Only the listed ports may listen."', "  value_type  : POLICY_PORTS",
              '  value_data  : "@ALLOWED@,%d,8[0-9]{3}"' % (6000 + i), "  port_type   : TCP"]
    elif k == 1:
        p += ["  type        : AUDIT_DENIED_OPEN_PORTS", '  description : "Denied ports %d"' % i,
              "  value_type  : POLICY_PORTS", '  value_data  : "23, 135-139, %d"' % (7000 + i),
              "  port_type   : TCP"]
    elif k == 2:
        p += ["  type        : AUDIT_PROCESS_ON_PORT", '  description : "Process on port %d"' % (5000 + i % 100),
              "  value_type  : POLICY_TEXT", '  value_data  : "svchost.exe" || "lsass.exe"',
              "  port_type   : TCP", '  port_no     : "%d"' % (5000 + i % 100), "  check_type  : CHECK_EQUAL"]
    else:
        p += ["  type        : AUDIT_PROCESS_ON_PORT", '  description : "Process on port %d (regex)"' % (5000 + i % 100),
              "  value_type  : POLICY_TEXT", '  value_data  : "^(svc|lsa)[a-z]+\\.exe$"',
              "  check_type  : CHECK_REGEX", "  port_type   : TCP", '  port_no     : "%d"' % (5000 + i % 100)]
    p += ['  info        : "Generated item %d."' % i, '  solution    : "Close the port."',
          '  reference   : "CIS|1.%d"' % i, "</custom_item>"]
p += ["</group_policy>", "</check_type>"]
open(out + "/policy.audit", "w").write("\r\n".join(p) + "\r\n")
