#!/bin/sh
# herd lab: chassis_control program of one node's BMC, called by ipmi_sim as
#   chassis NAME get PARAM...          (prints PARAM:VALUE lines)
#   chassis NAME set PARAM VALUE...
# Power is the node itself (through bin/node); the boot device is kept in nodes/NAME/boot;
# every change is logged to nodes/NAME/chassis.log.
# With a PXE side (LAB/pxe/boot exists), powering on or resetting a node whose boot device is pxe
# starts no sshd: it writes LAB/pxe/boot/NAME, and the lab agent boots the node from the network
# (it removes the file once the node boots its disk). Power off removes it (the boot stops).
LAB='@DIR@'
n=$1; op=$2; shift 2
d="$LAB/nodes/$n"
node="$LAB/bin/node"
pxe="$LAB/pxe/boot"
# A boot takes a while (the node's init mounts its root, plugs its card): ipmi_sim waits for this
# program, so power on is recorded at once (nodes/NAME/booting) and the node boots in the
# background; a power off meanwhile wins (the boot sees its file gone and stops the node), and a
# newer boot (a new token in the file) takes over.
boot() {
  token=$(date +%s%N); echo "$token" > "$d/booting"
  ( "$node" start "$n"
    now=$(cat "$d/booting" 2>/dev/null)
    if [ "$now" = "$token" ]; then rm -f "$d/booting"; elif [ -z "$now" ]; then "$node" stop "$n"; fi ) \
    </dev/null >>"$d/chassis.log" 2>&1 &
}
off() { rm -f "$pxe/$n" "$d/booting"; "$node" stop "$n" >>"$d/chassis.log" 2>&1; }
netboot() { [ -d "$pxe" ] && [ "$(cat "$d/boot" 2>/dev/null)" = pxe ]; }
log() { echo "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) $*" >> "$d/chassis.log"; }

case "$op" in
get)
  for p in "$@"; do
    case "$p" in
      # The recorded power state, as a real BMC knows it: no fork per status request.
      power) p=0; read -r p _ < "$LAB/power/$n" 2>/dev/null; if [ -e "$pxe/$n" ] || [ -e "$d/booting" ] || [ "$p" = 1 ]; then echo power:1; else echo power:0; fi ;;
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
          if [ -e "$pxe/$n" ] || [ -e "$d/booting" ] || "$node" status "$n" | grep -q ' on$'; then :
          elif netboot; then log "network boot"; date +%s%N > "$pxe/$n"
          else boot; fi
        else log "power off"; off; fi ;;
      reset)
        log "reset"; off
        if netboot; then log "network boot"; date +%s%N > "$pxe/$n"
        else boot; fi ;;
      boot) echo "$v" > "$d/boot"; log "boot $v" ;;
      shutdown)
        # Soft off: the OS takes a moment to shut down; ipmi_sim must not wait for it.
        log "soft off"
        (sleep 2; log "soft off done"; off) </dev/null >>"$d/chassis.log" 2>&1 &
        ;;
      *) log "set $p $v (ignored)" ;;
    esac
  done ;;
*) echo "usage: chassis NAME get|set PARAM [VALUE]..." >&2; exit 2 ;;
esac
exit 0
