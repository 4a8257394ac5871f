# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/pty-prompt.py: runs nasl-audit --ask-password on a real
# pseudo-terminal (its controlling terminal) and checks the terminal's echo:
# off at the prompt, back on after Ctrl-C at the prompt and after Ctrl-C
# during the run.  Prints ok/FAIL lines; usage: pty-prompt.py CASE ARGV...
#   CASE "at-prompt": Ctrl-C at the prompt.
#   CASE "during-run": a password, then Ctrl-C while the audit runs.
import os, sys, termios, time, select, signal

case, argv = sys.argv[1], sys.argv[2:]
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    import fcntl
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    os.dup2(slave, 0); os.dup2(slave, 1); os.dup2(slave, 2)
    os.close(master)
    os.execvp(argv[0], argv)

os.set_blocking(master, False)
signal.alarm(90)   # never hang the suite

def drain():
    try:
        return os.read(master, 4096)
    except (BlockingIOError, OSError):
        return b""

def echo_on():
    return bool(termios.tcgetattr(slave)[3] & termios.ECHO)

def read_until(text, seconds=30):
    buf = b""
    end = time.time() + seconds
    while time.time() < end:
        select.select([master], [], [], 0.2)
        buf += drain()
        if text.encode() in buf:
            return True
    return False

def check(cond, what):
    print(("ok - " if cond else "FAIL - ") + case + ": " + what)

check(echo_on(), "echo on before the run")
check(read_until("SSH password: "), "prompt shown")
time.sleep(0.3)
check(not echo_on(), "echo off at the prompt")
if case == "during-run":
    os.write(master, b"not-the-password\n")
    time.sleep(1.5)          # the audit runs (a slow scenario)
    check(echo_on(), "echo back on once the password is read")
os.write(master, b"\x03")    # Ctrl-C, as the terminal sends it
end = time.time() + 20
status = None
while time.time() < end:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        status = st
        break
    select.select([master], [], [], 0.2)
    drain()
if status is None:
    os.kill(pid, signal.SIGKILL)
    check(False, "nasl-audit ended after Ctrl-C")
else:
    check(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT,
          "nasl-audit ended by SIGINT (status %r)" % status)
check(echo_on(), "echo on after Ctrl-C")
