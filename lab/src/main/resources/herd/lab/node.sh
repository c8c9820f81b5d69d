#!/bin/sh
# herd lab: power of the lab's nodes (their sshd). Usage: node start|launch|stop|status NAME...
# (launch = start for a batch, without waiting node by node)
# Power state goes to LAB/power/NAME: "1 PID" (on, sshd pid) or "0".
# Written by herd into LAB/bin; called by the lab itself and by each BMC's chassis_control.
LAB='@DIR@'
holder=$(cat "$LAB/run/holder.pid") || exit 1
holder_mnt=$(readlink "/proc/$holder/ns/mnt") || { echo "node: lab namespace holder $holder is gone" >&2; exit 1; }
my_uts=$(readlink /proc/self/ns/uts)
# Join the lab's mount namespace unless already in it (the lab starts batches from inside).
enter="nsenter -t $holder -m --"
[ "$(readlink /proc/self/ns/mnt)" = "$holder_mnt" ] && enter=""

running() { # pid of the node's live sshd, if any
  pid=$(cat "$LAB/nodes/$1/sshd.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$holder_mnt" ] || return 1
  uts=$(readlink "/proc/$pid/ns/uts") && [ "$uts" != "$my_uts" ] || return 1
  echo "$pid"
}

launch() { # start the node's sshd in a fresh UTS namespace named after it; no waiting
  d="$LAB/nodes/$1"
  [ -d "$d" ] || { echo "node: no node $1 in $LAB" >&2; return 1; }
  running "$1" >/dev/null && return 0
  rm -f "$d/sshd.pid"
  read -r addr < "$d/addr"
  $enter unshare --uts sh -c \
    'echo "$1" > /proc/sys/kernel/hostname && exec /usr/sbin/sshd -f "$2/sshd_config" -E "$2/nodes/$1/sshd.log" -o ListenAddress="$3:2222" -o HostKey="$2/nodes/$1/host_key" -o PidFile="$2/nodes/$1/sshd.pid"' \
    node "$1" "$LAB" "$addr"
}

powered() { # wait until sshd wrote its pid file (it does once it listens), then record power
  d="$LAB/nodes/$1"
  i=0; while [ ! -s "$d/sshd.pid" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
  # "1 PID": a new pid is a new boot, which the lab agent's console watches for.
  echo "1 $(cat "$d/sshd.pid" 2>/dev/null)" > "$LAB/power/$1"
}

start() {
  launch "$1" && powered "$1"
}

stop() {
  d="$LAB/nodes/$1"
  [ -d "$d" ] || { echo "node: no node $1 in $LAB" >&2; return 1; }
  if pid=$(running "$1"); then
    # Everything in the node's UTS namespace: its sshd and every session it opened.
    kill -9 $(pgrep --ns "$pid" --nslist uts) 2>/dev/null
    # Gone (or a zombie, whose namespace links vanish) within 2 s.
    n=0; while [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$holder_mnt" ] && [ $n -lt 200 ]; do sleep 0.01; n=$((n + 1)); done
  fi
  rm -f "$d/sshd.pid"
  # Recorded off only once it is off: the BMC must not answer "off" while sshd still serves.
  echo 0 > "$LAB/power/$1"
}

status() {
  if running "$1" >/dev/null; then echo "$1 on"; else echo "$1 off"; fi
}

action=$1; shift
rc=0
for name in "$@"; do
  case "$action" in
    start) start "$name" || rc=1 ;;
    launch) launch "$name" || rc=1 ;;
    stop) stop "$name" || rc=1 ;;
    status) status "$name" ;;
    *) echo "usage: node start|launch|stop|status NAME..." >&2; exit 2 ;;
  esac
done
# A batch: every sshd launched first, then the power files written once they run.
if [ "$action" = launch ]; then
  for name in "$@"; do powered "$name"; done
fi
exit $rc
