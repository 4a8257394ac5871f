# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/lib.sh: set-up for the runner tests (sourced): tests/e2e/lib.sh, plus
# the stand-in plugins of tests/runner/plugins, which emit the records a test
# asks for (--var SCENARIO=...), and a policy folder with one policy.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
NASL_AUDIT_PLUGINS_DIR=$top_srcdir/tests/runner/plugins
export NASL_AUDIT_PLUGINS_DIR
mkdir -p "$work/pol"
printf '<check_type:"Unix">\n</check_type>\n' >"$work/pol/a.audit"

# audit NAME SCENARIO ARGS... : runs nasl-audit on the policy folder with the
# scenario; stdout in $work/NAME.out, stderr in $work/NAME.err, status in $st.
audit() {
  name=$1 scenario=$2
  shift 2
  "$AUDIT" -P "$work/pol" --var "SCENARIO=$scenario" "$@" >"$work/$name.out" 2>"$work/$name.err"
  st=$?
}
# has FILE REGEX DESCRIPTION: one ok/FAIL line for a grep -E.
has() { if grep -qE -- "$2" "$1"; then ok "$3"; else fail "$3: no /$2/ in $1"; fi; }
hasnt() { if grep -qE -- "$2" "$1"; then fail "$3: /$2/ found in $1"; else ok "$3"; fi; }

# gone PID: true when PID has ended (a zombie waiting for init counts), within 5 s.
gone() {
  i=0
  while [ $i -lt 50 ]; do
    [ -e "/proc/$1" ] || return 0
    [ "$(sed 's/^.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}
# has_flat FILE TEXT DESCRIPTION: TEXT (fixed) in FILE with runs of white space
# (wrapped lines) read as one space.
has_flat() {
  if tr -s ' \n' '  ' <"$1" | grep -qF -- "$2"; then ok "$3"; else fail "$3: no '$2' in $1"; fi
}
