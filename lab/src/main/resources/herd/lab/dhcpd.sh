#!/bin/sh
# herd lab: the lab's dhcpd, inside network namespace @NETNS@ on bridge br0 (10.10.0.1/16).
# Usage: dhcpd start|stop|restart   (restart is the inventory's services.dhcp.restart)
LAB='@DIR@'
NS='@NETNS@'
conf="$LAB/dhcp/dhcpd.conf"
pidf="$LAB/dhcp/dhcpd.pid"

stop() {
  pid=$(cat "$pidf" 2>/dev/null)
  if [ -n "$pid" ] && grep -q "$LAB" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -9 "$pid"
    n=0; while grep -q "$LAB" "/proc/$pid/cmdline" 2>/dev/null && [ $n -lt 300 ]; do sleep 0.01; n=$((n + 1)); done
  fi
  rm -f "$pidf"
}

start() {
  if ! out=$(dhcpd -t -4 -cf "$conf" 2>&1); then
    echo "dhcpd: $conf is invalid: $(echo "$out" | grep -E "line [0-9]+|rror" | head -3 | tr '\n' ' ')" >&2
    exit 1
  fi
  touch "$LAB/dhcp/dhcpd.leases"
  setsid ip netns exec "$NS" /usr/sbin/dhcpd -4 -f -d -cf "$conf" -lf "$LAB/dhcp/dhcpd.leases" -pf "$pidf" br0 \
    </dev/null >>"$LAB/log/dhcpd.log" 2>&1 &
  n=0; while [ ! -s "$pidf" ] && [ $n -lt 500 ]; do sleep 0.01; n=$((n + 1)); done
  [ -s "$pidf" ] || { echo "dhcpd: did not start, see $LAB/log/dhcpd.log" >&2; exit 1; }
}

case "$1" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "usage: dhcpd start|stop|restart" >&2; exit 2 ;;
esac
