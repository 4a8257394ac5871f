#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/sshd/sshd-fixture.sh: a throwaway OpenSSH sshd on 127.0.0.1 for tests.
#
# Two ways to use it:
#   sourced:   . "$top_srcdir/tests/sshd/sshd-fixture.sh"
#              dir=$(mktemp -d) && sshd_start "$dir" || exit $?   # 77: skip
#              sshd_fake "$dir" netstat "$SAMPLES_DIR/netstat.txt"
#              ... ssh -F /dev/null -i "$dir/id_ed25519" -p "$(cat "$dir/port")" ...
#              sshd_stop "$dir"
#   executed:  sh tests/sshd/sshd-fixture.sh start DIR | stop DIR | kill DIR
#                 | fake DIR CMD OUTFILE [ERRFILE [RC]] | unfake DIR CMD
#
# sshd_start DIR (DIR exists and is empty) leaves there:
#   port               the TCP port sshd listens on (127.0.0.1)
#   pid                sshd's process id
#   sshd_config        the configuration (sshd -t checked), sshd.log its DEBUG3 log
#   id_ed25519[.pub]   the user key, authorized for the current user
#   id_wrong_ed25519   a key that is NOT authorized
#   known_hosts        "[127.0.0.1]:PORT <host key>"; known_hosts.bad: another key
#   banner             the pre-authentication banner sshd sends
#   fakebin/           netstat, ss, tasklist (first on the sessions' PATH;
#                      sshd_fake adds other names on demand)
#   home/              the sessions' $HOME (no dotfiles: fast, hermetic shells)
#   fake/              what they print: fake/CMD.out (stdout), fake/CMD.err
#                      (stderr), fake/CMD.rc (exit status); every call appends
#                      its arguments as one line to fake/CMD.args.  Without
#                      fake/CMD.out the real command runs (127 if absent).
# Returns 0 when sshd accepts connections, 77 when sshd or ssh-keygen is
# missing (reason on stderr), 1 on failure (log kept, its path on stderr).
# The functions also work in a caller running under 'set -e'.
#
# Environment: SSHD, SSH_KEYGEN (absolute paths; default from PATH and
# /usr/sbin), SSHD_PORT (fixed port instead of a random free one),
# SSHD_MAX_STARTUPS (sshd's MaxStartups, default 100; "1:100:1" drops every
# unauthenticated connection beyond the first), SSHD_EXTRA_CONFIG (lines
# appended to sshd_config), SSHD_KEEP=1 (sshd_stop keeps DIR),
# SSHD_FIXTURE_SRC (directory of this script, when sourced from elsewhere
# than $top_srcdir/tests/sshd).

# bash tells a sourced script where it is; other shells need $top_srcdir.
_sshd_fixture_self=
if [ -n "${BASH_SOURCE:-}" ]; then
  # shellcheck disable=SC3028,SC3054
  _sshd_fixture_self=${BASH_SOURCE[0]:-}
fi

# The directory holding this script and fakebin/.
_sshd_fixture_src() {
  if [ -n "${SSHD_FIXTURE_SRC:-}" ]; then
    printf '%s\n' "$SSHD_FIXTURE_SRC"
  elif [ -n "$_sshd_fixture_self" ] && [ -f "${_sshd_fixture_self%/*}/fakebin/fake-command" ]; then
    (cd "${_sshd_fixture_self%/*}" && pwd)
  elif [ -n "${top_srcdir:-}" ] && [ -f "$top_srcdir/tests/sshd/fakebin/fake-command" ]; then
    printf '%s\n' "$top_srcdir/tests/sshd"
  else
    case $0 in
      *sshd-fixture.sh) (cd "$(dirname "$0")" && pwd) ;;
      *) printf '%s\n' "tests/sshd" ;;
    esac
  fi
}

# Absolute path of a program: $1 = preset value, $2 = name.
_sshd_find_prog() {
  local d
  if [ -n "$1" ]; then
    printf '%s\n' "$1"
    return 0
  fi
  for d in $(printf '%s' "$PATH" | tr ':' ' ') /usr/sbin /usr/local/sbin /usr/bin; do
    if [ -x "$d/$2" ]; then
      case $d in
        /*) printf '%s\n' "$d/$2"; return 0 ;;
      esac
    fi
  done
  return 1
}

# A port number in 20000..59999 from /dev/urandom.
_sshd_random_port() {
  local n
  n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
  echo $((20000 + n % 40000))
}

# Keys, known-hosts files, banner and fake commands.
_sshd_prepare() {
  local dir k src c
  dir=$1
  for k in host_ed25519 other_host_ed25519 id_ed25519 id_wrong_ed25519; do
    "$_sshd_keygen" -q -t ed25519 -N '' -C "nasl-audit-test-$k" -f "$dir/$k" </dev/null \
      || { echo "sshd-fixture: ssh-keygen failed for $k" >&2; return 1; }
  done
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/authorized_keys"
  echo "nasl-audit test banner" >"$dir/banner"
  src=$(_sshd_fixture_src)
  if [ ! -f "$src/fakebin/fake-command" ]; then
    echo "sshd-fixture: cannot find fakebin/fake-command under '$src' (set SSHD_FIXTURE_SRC)" >&2
    return 1
  fi
  mkdir -p "$dir/fakebin" "$dir/fake" "$dir/home"
  for c in netstat ss tasklist; do
    cp "$src/fakebin/fake-command" "$dir/fakebin/$c"
    chmod 755 "$dir/fakebin/$c"
  done
  # Root's sshd needs its privilege separation directory.
  if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
    mkdir -p /run/sshd && chmod 755 /run/sshd
  fi
}

# Writes sshd_config for port $2; $3 = optional lines to try (dropped when
# this sshd does not know them).
_sshd_write_config() {
  local dir port opt
  dir=$1 port=$2
  {
    echo "ListenAddress 127.0.0.1"
    echo "Port $port"
    echo "HostKey $dir/host_ed25519"
    echo "PidFile $dir/sshd.pid"
    echo "AuthorizedKeysFile $dir/authorized_keys"
    echo "StrictModes no"
    echo "UsePAM no"
    echo "PubkeyAuthentication yes"
    echo "PasswordAuthentication no"
    echo "KbdInteractiveAuthentication no"
    echo "PermitRootLogin prohibit-password"
    echo "LogLevel DEBUG3"
    echo "MaxStartups ${SSHD_MAX_STARTUPS:-100}"
    echo "MaxSessions 50"
    echo "Banner $dir/banner"
    if [ -n "${SSHD_EXTRA_CONFIG:-}" ]; then
      printf '%s\n' "$SSHD_EXTRA_CONFIG"
    fi
  } >"$dir/sshd_config.base"
  cp "$dir/sshd_config.base" "$dir/sshd_config"
  # Optional settings, each kept only when 'sshd -t' accepts it.
  for opt in \
    "SetEnv PATH=$dir/fakebin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin FAKE_DIR=$dir/fake HOME=$dir/home" \
    "PerSourcePenalties no"; do
    cp "$dir/sshd_config" "$dir/sshd_config.try"
    printf '%s\n' "$opt" >>"$dir/sshd_config.try"
    if "$_sshd_bin" -t -f "$dir/sshd_config.try" >/dev/null 2>&1; then
      mv "$dir/sshd_config.try" "$dir/sshd_config"
    fi
  done
  rm -f "$dir/sshd_config.try" "$dir/sshd_config.base"
  if ! "$_sshd_bin" -t -f "$dir/sshd_config" >"$dir/sshd-t.log" 2>&1; then
    echo "sshd-fixture: sshd -t rejects $dir/sshd_config:" >&2
    cat "$dir/sshd-t.log" >&2
    return 1
  fi
  # Known-hosts files for the port: the real host key and a different one.
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/host_ed25519.pub")" \
    >"$dir/known_hosts"
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/other_host_ed25519.pub")" \
    >"$dir/known_hosts.bad"
}

# Starts sshd on $2 and waits up to 10 s.  0: listening; 2: port taken; 1: failed.
_sshd_try_start() {
  local dir port pid i
  dir=$1 port=$2
  : >"$dir/sshd.log"
  # Started from a subshell: not a job of the caller's shell (no "Killed"
  # notices, no reaping duty); sshd_kill finds it through DIR/pid.
  ("$_sshd_bin" -D -E "$dir/sshd.log" -f "$dir/sshd_config" >>"$dir/sshd.out" 2>&1 </dev/null &
    echo $! >"$dir/pid")
  pid=$(cat "$dir/pid")
  i=0
  while [ $i -lt 100 ]; do
    if grep -q "Server listening on 127.0.0.1 port $port" "$dir/sshd.log" 2>/dev/null; then
      echo "$port" >"$dir/port"
      return 0
    fi
    if ! _sshd_alive "$pid"; then
      if grep -q -i "address already in use\|cannot bind" "$dir/sshd.log"; then
        return 2
      fi
      return 1
    fi
    sleep 0.1
    i=$((i + 1))
  done
  kill "$pid" 2>/dev/null || :
  return 1
}

sshd_start() {
  local dir tries port rc
  dir=$1
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "sshd_start: no such directory '$dir'" >&2
    return 1
  fi
  dir=$(cd "$dir" && pwd)
  _sshd_bin=$(_sshd_find_prog "${SSHD:-}" sshd) || { echo "sshd not found" >&2; return 77; }
  _sshd_keygen=$(_sshd_find_prog "${SSH_KEYGEN:-}" ssh-keygen) \
    || { echo "ssh-keygen not found" >&2; return 77; }
  case $_sshd_bin in
    /*) ;;
    *) echo "sshd_start: SSHD must be an absolute path (sshd re-executes itself)" >&2; return 1 ;;
  esac
  [ -x "$_sshd_bin" ] || { echo "sshd not found ($_sshd_bin)" >&2; return 77; }
  _sshd_prepare "$dir" || return 1
  tries=0
  while [ $tries -lt 8 ]; do
    port=${SSHD_PORT:-$(_sshd_random_port)}
    _sshd_write_config "$dir" "$port" || return 1
    rc=0
    _sshd_try_start "$dir" "$port" || rc=$?
    [ $rc = 0 ] && return 0
    if [ $rc = 1 ] || [ -n "${SSHD_PORT:-}" ]; then
      break
    fi
    tries=$((tries + 1))
  done
  echo "sshd-fixture: sshd did not start; log kept in $dir/sshd.log:" >&2
  tail -n 20 "$dir/sshd.log" >&2
  return 1
}

# Process ids whose parent is $1 (from /proc: no procps needed).
_sshd_children() {
  local f s rest p
  for f in /proc/[0-9]*/stat; do
    { read -r s <"$f"; } 2>/dev/null || continue
    rest=${s##*) }
    # shellcheck disable=SC2086
    set -- $rest
    if [ "${2:-}" = "$_sshd_parent" ]; then
      p=${f#/proc/}
      echo "${p%/stat}"
    fi
  done
}

# $1 and all its descendants, parents first.
_sshd_tree() {
  local c
  echo "$1"
  _sshd_parent=$1
  for c in $(_sshd_children); do
    _sshd_tree "$c"
  done
}

# True while process $1 exists and is not a zombie (a container's PID 1 may
# never reap the orphans).
_sshd_alive() {
  local s rest
  { read -r s <"/proc/$1/stat"; } 2>/dev/null || return 1
  rest=${s##*) }
  [ "${rest%% *}" != Z ]
}

# Kills sshd and every session process it started (SIGKILL), waits for them.
sshd_kill() {
  local dir pids p i
  dir=$1
  [ -f "$dir/pid" ] || return 0
  pids=$(_sshd_tree "$(cat "$dir/pid")")
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || :
  for p in $pids; do
    i=0
    while _sshd_alive "$p" && [ $i -lt 50 ]; do
      sleep 0.1
      i=$((i + 1))
    done
  done
  rm -f "$dir/pid"
  return 0
}

sshd_stop() {
  local dir
  dir=$1
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  sshd_kill "$dir"
  if [ -n "${SSHD_KEEP:-}" ]; then
    echo "sshd-fixture: kept $dir" >&2
  else
    rm -rf "$dir"
  fi
}

# sshd_fake DIR CMD OUTFILE [ERRFILE [RC]]: the fake CMD prints OUTFILE (to
# stdout), ERRFILE (to stderr) and exits with RC.  Any command name works: a
# fake for a new name (e.g. "cmd" for Windows' "cmd /c ver") is installed in
# fakebin/ first; an existing fakebin/CMD (maybe a test's own script) is kept.
sshd_fake() {
  local dir cmd
  dir=$1 cmd=$2
  if [ ! -e "$dir/fakebin/$cmd" ]; then
    cp "$dir/fakebin/netstat" "$dir/fakebin/$cmd" && chmod 755 "$dir/fakebin/$cmd" || return 1
  fi
  cp "$3" "$dir/fake/$cmd.out" || return 1
  rm -f "$dir/fake/$cmd.err" "$dir/fake/$cmd.rc"
  [ -n "${4:-}" ] && { cp "$4" "$dir/fake/$cmd.err" || return 1; }
  [ -n "${5:-}" ] && echo "$5" >"$dir/fake/$cmd.rc"
  return 0
}

# sshd_unfake DIR CMD: back to the real command.
sshd_unfake() {
  rm -f "$1/fake/$2.out" "$1/fake/$2.err" "$1/fake/$2.rc"
}

case $0 in
  *sshd-fixture.sh)
    what=${1:-}
    [ $# -gt 0 ] && shift
    case $what in
      start) sshd_start "$@"; exit $? ;;
      stop) sshd_stop "$@"; exit $? ;;
      kill) sshd_kill "$@"; exit $? ;;
      fake) sshd_fake "$@"; exit $? ;;
      unfake) sshd_unfake "$@"; exit $? ;;
      *) echo "usage: $0 start|stop|kill|fake|unfake DIR [...]" >&2; exit 2 ;;
    esac
    ;;
esac
