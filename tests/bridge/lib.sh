# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bridge/lib.sh: shared set-up for the bridge tests (sourced).
#
# Provides: $BRIDGE (the built openvas-bridge.so), $DRIVER22/$DRIVER23/
# $DRIVER_NOSYM (drivers linked against the stand-in builds), $work (a temp
# dir, kept when a check failed), ok/fail/expect_eq/finish/skip, and
# bridged PROGRAM ARGS... (runs PROGRAM with the bridge preloaded and the
# status line on stderr).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir/_build}
export LC_ALL=C
BRIDGE=$top_builddir/openvas-bridge/.libs/openvas-bridge.so
DRIVER22=$top_builddir/tests/bridge/driver22
DRIVER23=$top_builddir/tests/bridge/driver23
DRIVER_NOSYM=$top_builddir/tests/bridge/driver_nosym

failures=0
checks=0
work=$(mktemp -d "${TMPDIR:-/tmp}/nasl-bridge.XXXXXX")
bridge_cleanup() {
  if [ "$failures" != 0 ]; then echo "work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap bridge_cleanup EXIT

ok() { checks=$((checks + 1)); echo "ok - $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $*"; }
expect_eq() { # expect_eq WHAT EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1"; echo "--- expected"; echo "$2"; echo "--- got"; echo "$3"; fi
}
finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
  exit $?
}
skip() { echo "SKIP: $*"; exit 77; }

for f in "$BRIDGE" "$DRIVER22" "$DRIVER23" "$DRIVER_NOSYM"; do
  [ -e "$f" ] || { echo "not built: $f" >&2; exit 99; }
done

# In the ASan build the bridge needs the ASan runtime, which must come first
# in the preload list (a libtool wrapper script passes it on when it execs).
BRIDGE_ASAN=$(ldd "$BRIDGE" 2>/dev/null | awk '/libasan/ { print $3; exit }')
preload_for() { # preload_for PROGRAM
  if [ -n "$BRIDGE_ASAN" ]; then echo "$BRIDGE_ASAN $BRIDGE"; else echo "$BRIDGE"; fi
}
bridged() { # bridged PROGRAM ARGS...
  LD_PRELOAD=$(preload_for "$1") OPENVAS_BRIDGE_LOG=${OPENVAS_BRIDGE_LOG:-stderr} "$@"
}
# The status line without what changes from run to run (pid, build path).
status_of() { # status_of FILE
  sed -e 's/^openvas-bridge\[[0-9]*\]/openvas-bridge[PID]/' -e 's#(/[^ ]*/#(#' "$1"
}
