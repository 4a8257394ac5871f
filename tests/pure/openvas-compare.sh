#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# openvas-compare.sh: the pure-NASL path gives the same dumps on the real openvas-nasl as on ours.
#
# Runs tests/pure/driver.nasl in pure mode over the differential test's jobs
# with our interpreter and with OPENVAS_NASL (a real openvas-nasl and its
# Redis; skipped when unset), and compares the outputs.  A difference means
# either that the pure code relies on a quirk of our interpreter or that
# our interpreter differs from OpenVAS.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
NASL=${NASL:-$top_builddir/nasl/nasl}
if [ -z "${OPENVAS_NASL:-}" ]; then
  echo "SKIP: set OPENVAS_NASL to a real openvas-nasl to compare with it"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/pure-ov.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
# openvas-nasl takes one include folder: the plugins and the test helpers together
mkdir "$work/inc"
cp "$top_srcdir"/plugins/*.inc "$top_srcdir"/tests/pure/dump.inc "$top_srcdir"/tests/pure/driver.nasl "$work/inc/"
# the differential test's jobs, without its random ones (they need the module)
{
  for f in "$top_srcdir"/tests/ext/fixtures/netstat/* "$top_srcdir"/tests/samples/outputs/* \
           "$top_srcdir"/tests/e2e/fixtures/win-netstat-*.txt "$top_srcdir"/tests/e2e/fixtures/linux-ss*.txt "$top_srcdir"/tests/pure/cases/netstat/*; do
    [ -f "$f" ] && echo "netstat $f"
  done
  for f in "$top_srcdir"/tests/ext/fixtures/tasklist/* "$top_srcdir"/tests/samples/outputs/*tasklist* \
           "$top_srcdir"/tests/e2e/fixtures/win-tasklist-*.txt "$top_srcdir"/tests/pure/cases/tasklist/*; do
    [ -f "$f" ] && echo "tasklist $f"
  done
  for f in "$top_srcdir"/tests/ext/fixtures/audit/* "$top_srcdir"/tests/samples/audits/* \
           "$top_srcdir"/audit-files/*.audit "$top_srcdir"/doc/examples/*.audit "$top_srcdir"/tests/e2e/fixtures/*.audit \
           "$top_srcdir"/tests/pure/cases/audit/*; do
    [ -f "$f" ] && echo "audit $f"
  done
  echo "audits $top_srcdir/tests/pure/cases/audits.txt"
  echo "audits $top_srcdir/tests/pure/cases/header.txt"
  echo "checks $top_srcdir/tests/pure/cases/checks.txt"
  echo "checks $top_srcdir/tests/pure/cases/regex.txt"
  echo "ports $top_srcdir/tests/pure/cases/ports.txt"
} > "$work/manifest"

"$NASL" -i "$work/inc" -k "pure/manifest=$work/manifest" -k pure/mode=pure "$work/inc/driver.nasl" > "$work/ours" 2>&1
# openvas-nasl prints display() on stderr, each call prefixed and followed by a blank line
"$OPENVAS_NASL" -X -i "$work/inc" -k "pure/manifest=$work/manifest" -k pure/mode=pure "$work/inc/driver.nasl" 2>&1 |
  sed -E 's/^lib  nasl-Message: [0-9:.]+: //' | sed '/^$/d' > "$work/theirs"
if ! cmp -s "$work/ours" "$work/theirs"; then
  echo "FAIL: ours (<) and openvas-nasl (>) differ:"
  diff "$work/ours" "$work/theirs" | head -100
  exit 1
fi
echo "pure-NASL dumps identical on our nasl and $("$OPENVAS_NASL" --version 2>/dev/null | head -1): $(grep -c . "$work/ours") lines"
