#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/html.sh: the HTML report in a real browser (issue 9, 4): Debian's
# Chromium, headless, opens the self-contained page (no request beyond the
# file), the fleet view shows which hosts have which port, exposed or on
# loopback, its columns sort when clicked, target data stays text; a
# screenshot is kept as tests/runner/report.png in the build tree.
. "${top_srcdir:-.}/tests/runner/lib.sh"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || skip "chromium is not installed (apt-get install chromium; tools/packages.txt lists it)"

audit html hostile --var NA_HOST=127.0.0.2 --format html -o "$work/report.html" localhost 127.0.0.2 127.0.0.1
expect_eq "html: exit status 1" 1 "$st"
[ ! -s "$work/html.out" ] && ok "html: -o leaves standard output empty" || fail "html: output on stdout with -o"
mkdir -p "$top_builddir/tests/runner"
shot=$top_builddir/tests/runner/report.png
rm -f "$shot"
python3 "$top_srcdir/tests/runner/browser.py" "$CHROMIUM" "$work/report.html" "$shot" "$work/profile" \
  >"$work/browser.txt" 2>&1
while read -r line; do
  case $line in ok*) ok "${line#ok - }" ;; FAIL*) fail "${line#FAIL - }" ;; *) fail "browser: $line" ;; esac
done <"$work/browser.txt"
[ -s "$shot" ] && ok "screenshot: $shot" || fail "no screenshot"
finish
