#!/bin/sh
# herd lab: power of the lab's nodes. Usage: node start|launch|stop|status NAME...
# (launch = start for a batch, without waiting node by node)
# A node is a machine of its own: LAB/bin/node-boot, its PID 1 (pid in LAB/nodes/NAME/init.pid),
# holds its namespaces and serves its SSH; killing it is a power cut (the kernel kills every
# process of the node's PID namespace, its mounts and network go with them); its disk
# (LAB/nodes/NAME/disk) stays. Power state goes to LAB/power/NAME: "1 PID" (on) or "0".
# Written by herd into LAB/bin; called by the lab itself and by each BMC's chassis_control.
LAB='@DIR@'
holder=$(cat "$LAB/run/holder.pid") || exit 1
holder_mnt=$(readlink "/proc/$holder/ns/mnt") || { echo "node: lab namespace holder $holder is gone" >&2; exit 1; }
# Join the lab's mount namespace unless already in it (the lab starts batches from inside).
enter="nsenter -t $holder -m --"
[ "$(readlink /proc/self/ns/mnt)" = "$holder_mnt" ] && enter=""

running() { # pid of the node's live init, if any
  pid=$(cat "$LAB/nodes/$1/init.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] || return 1
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [ "${cmd% }" = "herd-node $LAB $1" ] || return 1
  echo "$pid"
}

launch() { # boot the node; no waiting
  d="$LAB/nodes/$1"
  [ -d "$d" ] || { echo "node: no node $1 in $LAB" >&2; return 1; }
  running "$1" >/dev/null && return 0
  rm -f "$d/init.pid"
  $enter /usr/bin/perl "$LAB/bin/node-boot" "$LAB" "$1" </dev/null >>"$d/boot.log" 2>&1
}

powered() { # wait until each node's init is up, plug its card into the cluster bridge, record power
  rc=0; plugs=""; pids=""
  for name in "$@"; do
    d="$LAB/nodes/$name"
    i=0; while [ ! -s "$d/init.pid" ] && [ $i -lt 6000 ]; do sleep 0.01; i=$((i + 1)); done
    pid=$(cat "$d/init.pid" 2>/dev/null)
    [ -n "$pid" ] || { echo "node: $name did not boot: $(tail -1 "$d/boot.log" 2>/dev/null)" >&2; rc=1; continue; }
    bridge=$(sed -n 's/^bridge=//p' "$d/node.conf")
    if [ -n "$bridge" ]; then
      mac=$(sed -n 's/^mac=//p' "$d/node.conf"); id=n$(echo "$mac" | tr -d :)
      plugs="$plugs
link add $id type veth peer name eth0 address $mac netns $pid
link set $id master br0 up"
      pids="$pids $pid"
    fi
    # "1 PID": a new pid is a new boot, which the lab agent's console watches for.
    echo "1 $pid" > "$LAB/power/$name"
  done
  if [ -n "$plugs" ]; then
    # The cards of the nodes' last boots may still be going (namespaces die asynchronously).
    stale=$($enter nsenter --net="$bridge" ip -o link show | sed -n 's/^[0-9]*: \(n[0-9a-f]\{12\}\)@.*/\1/p')
    for id in $stale; do
      case "$plugs" in *"link add $id "*) plugs="link delete $id
$plugs" ;; esac
    done
    # One ip for the whole batch; each init configures its eth0 when told the card is in.
    echo "$plugs" | $enter nsenter --net="$bridge" ip -force -batch - || rc=1
    kill -USR1 $pids
  fi
  if [ $rc -ne 0 ]; then
    for name in "$@"; do
      running "$name" >/dev/null || echo "node: $name died while booting: $(tail -2 "$LAB/nodes/$name/boot.log" 2>/dev/null | tr '\n' ' ')" >&2
    done
  fi
  return $rc
}

start() {
  launch "$1" && powered "$1"
}

stop() {
  d="$LAB/nodes/$1"
  [ -d "$d" ] || { echo "node: no node $1 in $LAB" >&2; return 1; }
  if pid=$(running "$1"); then
    kill -9 "$pid"
    # Gone or a zombie within 2 s. Not "command line empty": the kernel drops the memory (and the
    # command line) before it closes the files, so the SSH listener could still take a connection
    # and reset it; a zombie has closed them all.
    n=0
    while [ -e "/proc/$pid" ] && [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$pid/stat" 2>/dev/null)" != Z ] && [ $n -lt 200 ]; do
      sleep 0.01; n=$((n + 1))
    done
  fi
  rm -f "$d/init.pid"
  # Recorded off only once it is off: the BMC must not answer "off" while the node still serves.
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
# A batch: every node launched first, then each recorded once it runs.
if [ "$action" = launch ]; then
  powered "$@" || rc=1
fi
exit $rc
