#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/sshd/wincmd.py: an emulated Windows OpenSSH host's command shell (cmd.exe /c), the sshd ForceCommand of the Windows tests.
#
# Windows OpenSSH runs an exec request as `cmd.exe /c <command>`.  This
# program does the same with $SSH_ORIGINAL_COMMAND, following cmd.exe's
# rules for what the nasl-audit plugins send:
#
#   * the command line ends at the first line feed; the rest is ignored;
#   * "..." protects operators and blanks (the quotes stay in the text);
#     outside quotes ^ escapes the next character;
#   * operators: & (always), && (on success), || (on failure), | (pipe),
#     ( ) groups, and redirections N>nul, >nul (other targets fail with
#     "The system cannot find the path specified.");
#   * precedence, loosest first: &, then && and || (left to right), then |;
#   * built-ins: echo (prints the rest verbatim, trailing blanks kept), ver,
#     cmd [/d] [/s] [/q] [/v:on|/v:off] [/c|/k] LINE (with cmd's quote
#     rule: without /s, a leading quote and the last quote of LINE are
#     removed); with /v:on, !ERRORLEVEL! is replaced when each command runs
#     (delayed expansion) by the exit status of the last program;
#   * programs: netstat, tasklist, whoami, systeminfo print
#     $FAKE_DIR/NAME.out (stderr NAME.err, exit status NAME.rc, arguments
#     appended to NAME.args), like tests/sshd/fakebin/fake-command, or run
#     the executable $FAKE_DIR/NAME.exec with the arguments when it exists
#     (a program that hangs, dies or prints slowly); any other name is
#     "not recognized" with exit status 9009;
#   * output lines end with CR LF, as on Windows.
# $FAKE_DIR/ver.out replaces the built-in version line;
# $FAKE_DIR/commands.log receives every command line received.
import os
import re
import subprocess
import sys

FAKE = os.environ.get("FAKE_DIR", "")
PROGRAMS = ("netstat", "tasklist", "whoami", "systeminfo")
VERSION = "\r\nMicrosoft Windows [Version 10.0.17763.4377]\r\n"


class Out:
    """Where output goes: this process's stdout and stderr, or, with
    'capture' (a list), both into that list in order (as '1> file 2>&1')."""

    def __init__(self, capture=None):
        self.capture = capture
        self.stdout = sys.stdout.buffer
        self.stderr = sys.stderr.buffer

    def write(self, data, err=False, sink=None):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if sink is not None:
            sink.append(data)
        elif self.capture is not None:
            self.capture.append(data)
        elif err:
            self.stderr.write(data)
        else:
            self.stdout.write(data)


def crlf(data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def tokenize(line):
    """Splits a command line into words and operators; quotes kept in words."""
    toks, cur, i, quoted = [], "", 0, False
    while i < len(line):
        c = line[i]
        if quoted:
            cur += c
            if c == '"':
                quoted = False
            i += 1
            continue
        if c == '"':
            cur += c
            quoted = True
            i += 1
            continue
        if c == "^" and i + 1 < len(line):
            cur += line[i + 1]
            i += 2
            continue
        two = line[i:i + 2]
        if two in ("&&", "||"):
            toks.append(("word", cur)); cur = ""
            toks.append(("op", two)); i += 2
            continue
        if c in "&|()":
            toks.append(("word", cur)); cur = ""
            toks.append(("op", c)); i += 1
            continue
        cur += c
        i += 1
    toks.append(("word", cur))
    # Adjacent word fragments form one simple command's text.
    out = []
    for kind, text in toks:
        if kind == "word":
            if out and out[-1][0] == "word":
                out[-1] = ("word", out[-1][1] + text)
            else:
                out.append((kind, text))
        else:
            out.append((kind, text))
    return out


class Parser:
    """seq := and_or { '&' and_or } ; and_or := pipe { ('&&'|'||') pipe } ;
    pipe := unit { '|' unit } ; unit := '(' seq ')' | simple"""

    def __init__(self, toks):
        self.toks, self.i = toks, 0

    def peek(self):
        while (self.i < len(self.toks) and self.toks[self.i][0] == "word"
               and self.toks[self.i][1].strip(" \t") == ""):
            self.i += 1
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self):
        t = self.peek()
        self.i += 1
        return t

    def seq(self):
        node = ["seq", [self.and_or()]]
        while self.peek() == ("op", "&"):
            self.take()
            if self.peek() is None or self.peek() == ("op", ")"):
                break
            node[1].append(self.and_or())
        return node

    def and_or(self):
        node = self.pipe()
        while self.peek() in (("op", "&&"), ("op", "||")):
            op = self.take()[1]
            node = ["andor", op, node, self.pipe()]
        return node

    def pipe(self):
        node = self.unit()
        while self.peek() == ("op", "|"):
            self.take()
            node = ["pipe", node, self.unit()]
        return node

    def unit(self):
        t = self.peek()
        if t == ("op", "("):
            self.take()
            inner = self.seq()
            if self.peek() == ("op", ")"):
                self.take()
            return inner
        if t is None or t[0] == "op":
            return ["simple", ""]
        self.take()
        return ["simple", t[1]]


def split_redirections(text):
    """Removes N>target / >target words; returns (text, [targets])."""
    words, targets, cur, quoted = [], [], "", False
    for c in text + " ":
        if c == '"':
            quoted = not quoted
        if c in " \t" and not quoted:
            if cur:
                words.append(cur)
            cur = ""
            continue
        cur += c
    kept = []
    for w in words:
        bare = w.lstrip("12")
        if bare.startswith(">"):
            targets.append(bare.lstrip(">"))
        else:
            kept.append(w)
    return kept, targets


class Shell:
    """'program', when given, runs the programs instead of $FAKE_DIR:
    program(name, args) -> (stdout bytes, exit status), or None when the
    program does not exist."""

    def __init__(self, out, delayed=False, errorlevel=0, program=None):
        self.out = out
        self.delayed = delayed
        self.errorlevel = errorlevel
        self.program_hook = program

    def run_line(self, line, sink=None):
        line = line.split("\n", 1)[0].rstrip("\r")
        return self.run(Parser(tokenize(line)).seq(), sink)

    def run(self, node, sink=None):
        kind = node[0]
        if kind == "seq":
            rc = 0
            for sub in node[1]:
                rc = self.run(sub, sink)
            return rc
        if kind == "andor":
            rc = self.run(node[2], sink)
            if (node[1] == "&&") == (rc == 0):
                rc = self.run(node[3], sink)
            return rc
        if kind == "pipe":
            buf = []
            self.run(node[1], buf)
            return self.run(node[2], sink)
        return self.simple(node[1], sink)

    def simple(self, text, sink):
        raw = text.strip(" \t")
        if not raw:
            return 0
        if self.delayed:
            raw = re.sub("!ERRORLEVEL!", str(self.errorlevel), raw, flags=re.IGNORECASE)
        rc = self.builtin_or_program(raw, sink)
        if rc is not None:
            self.errorlevel = rc
            return rc
        return 0

    def builtin_or_program(self, raw, sink):
        """Runs one command; returns its exit status, or None for echo
        (which leaves ERRORLEVEL alone and always succeeds)."""
        name = raw.split(None, 1)[0].lower()
        if name == "echo" or name.startswith("echo."):
            rest = raw[4:]
            if rest.startswith(" "):
                rest = rest[1:]
            if rest.strip() == "":
                rest = "ECHO is on."
            self.out.write(rest + "\r\n", sink=sink)
            return None
        words, targets = split_redirections(raw)
        for t in targets:
            if t.lower() != "nul":
                self.out.write("The system cannot find the path specified.\r\n", err=True)
                return 1
        name = words[0].lower()
        if name.endswith(".exe"):
            name = name[:-4]
        args = words[1:]
        if name == "ver":
            self.out.write(self.fake_text("ver.out", VERSION), sink=sink)
            return 0
        if name == "cmd":
            return self.cmd(args, sink)
        if self.program_hook is not None:
            got = self.program_hook(name, args)
            if got is not None:
                self.out.write(got[0], sink=sink)
                return got[1]
        elif name in PROGRAMS:
            return self.program(name, args, sink)
        self.out.write("'%s' is not recognized as an internal or external command,\r\n"
                       "operable program or batch file.\r\n" % words[0], err=True)
        return 9009

    def cmd(self, args, sink):
        s_flag, delayed = False, self.delayed
        while args and args[0].lower() in ("/d", "/s", "/q", "/v:on", "/v:off"):
            s_flag = s_flag or args[0].lower() == "/s"
            if args[0].lower().startswith("/v:"):
                delayed = args[0].lower() == "/v:on"
            args = args[1:]
        if not args or args[0].lower() not in ("/c", "/k"):
            return 0
        line = " ".join(args[1:])
        if line.startswith('"') and not s_flag:
            last = line.rfind('"')
            line = line[1:last] + line[last + 1:] if last > 0 else line[1:]
        inner = Shell(self.out, delayed=delayed, errorlevel=self.errorlevel, program=self.program_hook)
        inner.run_line(line, sink)
        return inner.errorlevel

    def fake_text(self, fname, default):
        path = os.path.join(FAKE, fname)
        if FAKE and os.path.isfile(path):
            with open(path, "rb") as f:
                return crlf(f.read())
        return default

    def program(self, name, args, sink):
        base = os.path.join(FAKE, name)
        if FAKE:
            with open(base + ".args", "a") as f:
                f.write(" ".join(args) + "\n")
        if FAKE and os.access(base + ".exec", os.X_OK):
            sys.stdout.flush()
            return subprocess.call([base + ".exec"] + args)
        if not FAKE or not os.path.isfile(base + ".out"):
            self.out.write("'%s' is not recognized as an internal or external command,\r\n"
                           "operable program or batch file.\r\n" % name, err=True)
            return 9009
        with open(base + ".out", "rb") as f:
            self.out.write(crlf(f.read()), sink=sink)
        if os.path.isfile(base + ".err"):
            with open(base + ".err", "rb") as f:
                self.out.write(crlf(f.read()), err=True)
        rc = 0
        if os.path.isfile(base + ".rc"):
            with open(base + ".rc") as f:
                rc = int(f.read().strip() or 0)
        return rc


def main():
    line = os.environ.get("SSH_ORIGINAL_COMMAND", "")
    if FAKE:
        with open(os.path.join(FAKE, "commands.log"), "a") as f:
            f.write(line.replace("\n", "\\n") + "\n")
    out = Out()
    rc = Shell(out).run_line(line)
    sys.stdout.flush()
    sys.exit(rc & 0xFF)


if __name__ == "__main__":
    main()
