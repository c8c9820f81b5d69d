#!/bin/sh
# herd lab: chassis_control program of one node's BMC, called by ipmi_sim as
#   chassis NAME get PARAM...          (prints PARAM:VALUE lines)
#   chassis NAME set PARAM VALUE...
# Power is the node's sshd (through bin/node); the boot device is kept in nodes/NAME/boot;
# every change is logged to nodes/NAME/chassis.log.
# With a PXE side (LAB/pxe/boot exists), powering on or resetting a node whose boot device is pxe
# starts no sshd: it writes LAB/pxe/boot/NAME, and the lab agent boots the node from the network
# (it removes the file once the node boots its disk). Power off removes it (the boot stops).
LAB='@DIR@'
n=$1; op=$2; shift 2
d="$LAB/nodes/$n"
node="$LAB/bin/node"
pxe="$LAB/pxe/boot"
netboot() { [ -d "$pxe" ] && [ "$(cat "$d/boot" 2>/dev/null)" = pxe ]; }
log() { echo "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) $*" >> "$d/chassis.log"; }

case "$op" in
get)
  for p in "$@"; do
    case "$p" in
      # The recorded power state, as a real BMC knows it: no fork per status request.
      power) p=0; read -r p _ < "$LAB/power/$n" 2>/dev/null; if [ -e "$pxe/$n" ] || [ "$p" = 1 ]; then echo power:1; else echo power:0; fi ;;
      boot) echo "boot:$(cat "$d/boot" 2>/dev/null || echo none)" ;;
    esac
  done ;;
set)
  while [ $# -ge 2 ]; do
    p=$1; v=$2; shift 2
    case "$p" in
      power)
        if [ "$v" = 1 ]; then
          log "power on"
          if [ -e "$pxe/$n" ] || "$node" status "$n" | grep -q ' on$'; then :
          elif netboot; then log "network boot"; date +%s%N > "$pxe/$n"
          else "$node" start "$n" >>"$d/chassis.log" 2>&1; fi
        else log "power off"; rm -f "$pxe/$n"; "$node" stop "$n" >>"$d/chassis.log" 2>&1; fi ;;
      reset)
        log "reset"; "$node" stop "$n" >>"$d/chassis.log" 2>&1
        if netboot; then log "network boot"; date +%s%N > "$pxe/$n"
        else rm -f "$pxe/$n"; "$node" start "$n" >>"$d/chassis.log" 2>&1; fi ;;
      boot) echo "$v" > "$d/boot"; log "boot $v" ;;
      shutdown)
        # Soft off: the OS takes a moment to shut down; ipmi_sim must not wait for it.
        log "soft off"
        (sleep 2; log "soft off done"; rm -f "$pxe/$n"; "$node" stop "$n") </dev/null >>"$d/chassis.log" 2>&1 &
        ;;
      *) log "set $p $v (ignored)" ;;
    esac
  done ;;
*) echo "usage: chassis NAME get|set PARAM [VALUE]..." >&2; exit 2 ;;
esac
exit 0
