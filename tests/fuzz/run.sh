#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz/run.sh: build and run the libFuzzer harnesses with clang.
#
#   tests/fuzz/run.sh NAME|all [SECONDS]
#
# Each harness tests/fuzz/fuzz_NAME.c declares what it needs in comment lines:
#   FUZZ-SOURCES: nasl-ext/audit_parse.c ...   (paths relative to the top; globs allowed)
#   FUZZ-PKGS: glib-2.0 libpcre2-8             (pkg-config modules)
# Seeds come from tests/fuzz/corpus/NAME/ (and are kept there between runs in
# _fuzz/NAME/corpus); crashes land in _fuzz/NAME/ and make the script fail.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$top/_fuzz}
what=${1:-all}
seconds=${2:-30}
cc=${FUZZ_CC:-clang}

harnesses() {
  if [ "$what" = all ]; then
    ls "$top"/tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_\(.*\)\.c|\1|'
  else
    echo "$what"
  fi
}

build_one() {
  local name=$1 src=$top/tests/fuzz/fuzz_$1.c srcs pkgs
  srcs=$(sed -n 's/.*FUZZ-SOURCES:\(.*\)$/\1/p' "$src" | sed 's/\*\/.*//')
  pkgs=$(sed -n 's/.*FUZZ-PKGS:\(.*\)$/\1/p' "$src" | sed 's/\*\/.*//')
  mkdir -p "$out/$name/corpus"
  local files=() f
  for f in $srcs; do
    # shellcheck disable=SC2086
    for g in $top/$f; do [ -f "$g" ] && files+=("$g"); done
  done
  # shellcheck disable=SC2086
  $cc -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$top/nasl" -I"$top/nasl-ext" -I"$top/smb" -I"$top/tests/fuzz" -DNASL_FUZZING \
    -DNASL_MODULEDIR='"/nonexistent"' -DNASL_PLUGINDIR='"/nonexistent"' -DNASL_POLICYDIR='"/nonexistent"' \
    -DNASL_BUILD_MODULEDIR='"/nonexistent"' -DNASL_SRC_PLUGINDIR='"/nonexistent"' -DNASL_SRC_POLICYDIR='"/nonexistent"' \
    ${pkgs:+$(pkg-config --cflags $pkgs)} \
    "$src" "${files[@]}" ${pkgs:+$(pkg-config --libs $pkgs)} -ldl -lm -o "$out/$name/fuzz_$name"
}

run_one() {
  local name=$1 seeds=$top/tests/fuzz/corpus/$1
  local args=("$out/$name/corpus")
  [ -d "$seeds" ] && args+=("$seeds")
  (cd "$out/$name" && ./fuzz_"$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 "${args[@]}" 2>&1 | tail -n 12)
}

rc=0
for h in $(harnesses); do
  echo "== fuzz $h (${seconds}s)"
  build_one "$h" || { echo "build of fuzz_$h failed"; rc=1; continue; }
  run_one "$h" || rc=1
done
exit $rc
