#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/smb/samba-fixture.sh: a throwaway Samba smbd on 127.0.0.1 for the SMB client tests.
#
#   sh tests/smb/samba-fixture.sh start DIR     (DIR exists and is empty)
#   sh tests/smb/samba-fixture.sh stop DIR      kill smbd (and its children), remove DIR
#   sh tests/smb/samba-fixture.sh kill DIR      kill smbd and its children, keep DIR
#   sh tests/smb/samba-fixture.sh lock DIR | unlock DIR | disable DIR
#                                               lock out / re-enable / disable the account
#
# start leaves in DIR:
#   port        the TCP port smbd listens on (127.0.0.1 only)
#   pid         smbd's process id
#   user        the account (the current Unix user, so root under CI)
#   password    its Samba password (random, mode 600)
#   smb.conf    the configuration; log.smbd and log.* are the logs
#   share/      share "data", read-write
#   admin/      share "ADMIN$" (admin/Temp exists), read-write
#   denied/     share "locked": nobody may connect
# Exit status: 0 when smbd accepts connections, 77 when smbd, smbpasswd or
# root are missing (reason on stderr), 1 on failure (the log on stderr).
#
# Environment (read by start):
#   SMBD, SMBPASSWD           programs (default from PATH and /usr/sbin)
#   SMB_MIN_PROTOCOL          server min protocol (default SMB2_02)
#   SMB_MAX_PROTOCOL          server max protocol (default SMB3_11)
#   SMB_SIGNING               server signing (default auto)
#   SMB_ENCRYPT               server smb encrypt (default off)
#   SMB_EXTRA_CONF            lines added to [global]
#   SMB_PASSWORD              the account's password (default: random)
set -u

_smb_find() {
  local d
  if [ -n "$1" ]; then printf '%s\n' "$1"; return 0; fi
  for d in $(printf '%s' "$PATH" | tr ':' ' ') /usr/sbin /usr/bin /usr/local/sbin; do
    case $d in /*) [ -x "$d/$2" ] && { printf '%s\n' "$d/$2"; return 0; } ;; esac
  done
  return 1
}

_smb_port() {
  local n
  n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
  echo $((20000 + n % 40000))
}

# Running and not a zombie (a killed smbd may wait for its parent to reap it).
_smb_alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null \
    && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

_smb_listening() {
  # smbd logs nothing reliable at level 1 when it is ready: try to connect.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
  command -v ss >/dev/null 2>&1 && ss -ltn 2>/dev/null | grep -q "127.0.0.1:$1 "
}

_smb_write_conf() {
  local dir=$1 port=$2
  cat >"$dir/smb.conf" <<EOF
[global]
  workgroup = TESTDOM
  netbios name = SMBTEST
  server role = standalone server
  interfaces = 127.0.0.1
  bind interfaces only = yes
  smb ports = $port
  disable netbios = yes
  server services = -nbt
  private dir = $dir/private
  lock directory = $dir/lock
  state directory = $dir/state
  cache directory = $dir/cache
  pid directory = $dir/run
  ncalrpc dir = $dir/ncalrpc
  binddns dir = $dir/bind-dns
  log file = $dir/log.%m
  log level = ${SMB_LOG_LEVEL:-1}
  max log size = 0
  passdb backend = tdbsam:$dir/private/passdb.tdb
  map to guest = never
  restrict anonymous = 2
  server min protocol = ${SMB_MIN_PROTOCOL:-SMB2_02}
  server max protocol = ${SMB_MAX_PROTOCOL:-SMB3_11}
  server signing = ${SMB_SIGNING:-auto}
  server smb encrypt = ${SMB_ENCRYPT:-off}
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes
  kernel oplocks = no
  kernel share modes = no
  posix locking = no
  usershare path =
  idmap config * : backend = tdb
  ${SMB_EXTRA_CONF:-}

[data]
  path = $dir/share
  read only = no

[ADMIN\$]
  path = $dir/admin
  read only = no

[locked]
  path = $dir/denied
  read only = no
  valid users = nobody-at-all
EOF
}

smb_start() {
  local dir=$1 smbd smbpasswd port tries pid i user pw
  [ -d "$dir" ] || { echo "samba-fixture: no directory '$dir'" >&2; return 1; }
  dir=$(cd "$dir" && pwd)
  smbd=$(_smb_find "${SMBD:-}" smbd) || { echo "smbd not found (install samba)" >&2; return 77; }
  smbpasswd=$(_smb_find "${SMBPASSWD:-}" smbpasswd) \
    || { echo "smbpasswd not found (install samba)" >&2; return 77; }
  [ "$(id -u)" = 0 ] || { echo "smbd needs root to run" >&2; return 77; }
  mkdir -p "$dir/private" "$dir/lock" "$dir/state" "$dir/cache" "$dir/run" "$dir/ncalrpc" \
    "$dir/bind-dns" "$dir/share" "$dir/admin/Temp" "$dir/denied"
  chmod 700 "$dir/private"
  user=$(id -un)
  pw=${SMB_PASSWORD:-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
  (umask 077 && printf '%s\n' "$pw" >"$dir/password")
  printf '%s\n' "$user" >"$dir/user"
  tries=0
  while [ $tries -lt 5 ]; do
    port=${SMB_PORT:-$(_smb_port)}
    _smb_write_conf "$dir" "$port"
    if ! printf '%s\n%s\n' "$pw" "$pw" | "$smbpasswd" -c "$dir/smb.conf" -s -a "$user" \
        >"$dir/smbpasswd.log" 2>&1; then
      echo "samba-fixture: smbpasswd failed:" >&2
      cat "$dir/smbpasswd.log" >&2
      return 1
    fi
    ("$smbd" --foreground --no-process-group -s "$dir/smb.conf" -l "$dir" </dev/null \
       >"$dir/smbd.out" 2>&1 &
      echo $! >"$dir/pid")
    pid=$(cat "$dir/pid")
    i=0
    while [ $i -lt 100 ]; do
      if _smb_listening "$port"; then
        echo "$port" >"$dir/port"
        return 0
      fi
      _smb_alive "$pid" || break
      sleep 0.1
      i=$((i + 1))
    done
    kill "$pid" 2>/dev/null
    if grep -qi "address already in use" "$dir"/log.smbd "$dir/smbd.out" 2>/dev/null \
        && [ -z "${SMB_PORT:-}" ]; then
      tries=$((tries + 1))
      continue
    fi
    echo "samba-fixture: smbd did not start; its log:" >&2
    tail -n 30 "$dir/log.smbd" "$dir/smbd.out" >&2 2>/dev/null
    return 1
  done
  echo "samba-fixture: no free port after 5 tries" >&2
  return 1
}

# Kills smbd, every smbd child it forked for a connection, and the RPC
# helpers it started on demand (samba-dcerpcd and its rpcd_* workers, which
# do not stay its children): all of them name this fixture's smb.conf.
smb_kill() {
  local dir=$1 pid kids
  pid=$(cat "$dir/pid" 2>/dev/null) || return 0
  [ -n "$pid" ] || return 0
  kids=$(pgrep -P "$pid" 2>/dev/null || true)
  kill -9 "$pid" $kids 2>/dev/null
  pkill -9 -f -- "--configfile=$dir/smb.conf" 2>/dev/null
  i=0
  while _smb_alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  return 0
}

smb_stop() {
  local dir=$1
  smb_kill "$dir"
  case $dir in
    /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$dir" ;;
    *) echo "samba-fixture: not removing '$dir' (not under a temporary directory)" >&2 ;;
  esac
}

_smb_pdbedit() {
  local dir=$1 flags=$2 pdbedit
  pdbedit=$(_smb_find "" pdbedit) || return 1
  "$pdbedit" -s "$dir/smb.conf" -u "$(cat "$dir/user")" -c "$flags" >/dev/null 2>&1
}

case ${1:-} in
  start) smb_start "$2" ;;
  stop) smb_stop "$2" ;;
  kill) smb_kill "$2" ;;
  lock) _smb_pdbedit "$2" "[L]" ;;
  disable) _smb_pdbedit "$2" "[D]" ;;
  unlock) _smb_pdbedit "$2" "[]" ;;
  *) echo "usage: $0 start|stop|kill|lock|unlock|disable DIR" >&2; exit 2 ;;
esac
