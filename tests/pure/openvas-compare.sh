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
. "$top_srcdir/tests/pure/jobs.sh"
# openvas-nasl takes one include folder: the plugins and the test helpers together
mkdir "$work/inc"
cp "$top_srcdir"/plugins/*.inc "$top_srcdir"/tests/pure/dump.inc "$top_srcdir"/tests/pure/driver.nasl "$work/inc/"
# the differential test's jobs, without its random ones (they need the module)
{
  pure_fixed_jobs
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
