#!/usr/bin/env bash
# power status on N lab BMCs over Redfish (the lab's HTTPS services, lab CA verified) and over
# IPMI (the same BMCs' ipmi_sim: the same chassis program answers both), in the same run:
#   herd redfish cold   first `power status` of a session: TLS handshake and session login per BMC
#   herd redfish warm   the same command again on the warm sessions (median of 5 rounds)
#   herd ipmi cold/warm the same over IPMI lanplus; each Redfish warm round is paired with an IPMI
#                       warm round right after it, and the ratio is the median of the pairs
#   herd -c             a whole `herd -c "power status @compute"` process over Redfish
#   redfishtool loop    DMTF's redfishtool, one process per BMC, sequentially (a shell loop)
# The in-process herd runs with the JVM options of ./herd (C1 only, serial GC), fanout 64.
# Usage: bench/redfish.sh [N...] (default: 200). Needs root (the lab). Prints ms and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(200)

mvn -B -ntp -q -o -pl shell -am compile
classpath() {  # MODULE: its classes, the modules below it, and its dependencies
  local f; f=$(mktemp); mvn -B -ntp -q -o -pl "$1" -am compile dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null
  local own="$root/commands/target/classes:$root/nodeset/target/classes:$root/lab/target/classes"
  [ "$1" = shell ] && own="$root/shell/target/classes:$own"
  echo "$own:$(tr ':' '\n' < "$f" | grep -v '/io/herd/' | paste -sd:)"; rm -f "$f"
}
cp=$(classpath shell)
engine_cp=$(classpath commands)
lab() { java -cp "$cp" herd.lab.LabMain "$@"; }
now() { date +%s%N; }
herd_jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)  # as ./herd starts its JVM

for n in "${sizes[@]}"; do
  dir=$(mktemp -d /tmp/herd-redfish-bench.XXXXXX); rmdir "$dir"
  trap 'lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT
  lab up "$n" --redfish --no-dns --no-dhcp --dir "$dir" | head -1
  inv="$dir/cluster.yaml"
  ipmi_inv="$dir/cluster-ipmi.yaml"
  sed 's/^    protocol: redfish$/    protocol: ipmi/' "$inv" > "$ipmi_inv"
  pw=$(sed -n 's/^bmc=//p' "$dir/secrets")
  urls=$(sed -n 's/.*url: "https:\/\/\([0-9.:]*\)".*/\1/p' "$inv")
  load=$(cut -d' ' -f1 /proc/loadavg)

  read -r rcold rcold_on icold icold_on rwarm rwarm_on iwarm iwarm_on ratio _ cpu rounds < <(java "${herd_jvm[@]}" \
    -cp "$engine_cp" "$root/bench/RedfishBench.java" "$inv" "$ipmi_inv" 5 64 2>/dev/null \
    | awk '{ printf "%s %s ", $2, $3 } END { print "" }')
  for c in "$rcold_on" "$icold_on" "$rwarm_on" "$iwarm_on"; do
    [ "$c" -eq "$n" ] || echo "  herd: only $rcold_on/$icold_on/$rwarm_on/$iwarm_on (redfish/ipmi cold, warm) of $n answered 'on'" >&2
  done

  t=$(now); out=$(HERD_CLASSPATH="$cp" "$root/herd" --inventory "$inv" -c "power status @compute" 2>/dev/null || true)
  process=$(( ($(now) - t) / 1000000 ))
  [ "$out" = "$(sed -n 's/^  compute: "\(.*\)"/\1/p' "$inv"): on" ] || echo "  herd -c printed: $out" >&2

  t=$(now); on=0
  for u in $urls; do
    state=$(redfishtool -r "$u" -u admin -p "$pw" -S Always Systems -1 -P PowerState 2>&1 || true)
    case "$state" in *'"On"'*) on=$((on + 1)) ;; *) echo "  redfishtool $u: $state" | head -3 >&2 ;; esac
  done
  loop=$(( ($(now) - t) / 1000000 ))
  [ "$on" -eq "$n" ] || echo "  redfishtool loop: only $on of $n answered On" >&2
  load_end=$(cut -d' ' -f1 /proc/loadavg)

  lab down --dir "$dir" >/dev/null; trap - EXIT
  awk -v n="$n" -v rc="$rcold" -v rw="$rwarm" -v ic="$icold" -v iw="$iwarm" -v p="$process" -v l="$loop" \
      -v r="$ratio" -v la="$load" -v lb="$load_end" -v cpu="$cpu" -v rounds="$rounds" 'BEGIN {
    printf "power status, %d BMCs (ms; load %s -> %s): redfish warm %d | redfish cold %d | ipmi warm %d | ipmi cold %d | herd -c redfish %d | redfishtool loop %d\n", n, la, lb, rw, rc, iw, ic, p, l
    printf "  ratios: ipmi-warm/redfish-warm %.2fx (paired rounds), redfish-cold/ipmi-cold %.2fx, redfishtool-loop/redfish-warm %.0fx, redfishtool-loop/redfish-cold %.0fx, redfishtool-loop/herd-c %.1fx\n", r, rc / (ic ? ic : 1), l / (rw ? rw : 1), l / (rc ? rc : 1), l / (p ? p : 1)
    printf "  herd client CPU per Redfish warm round: %d ms (the rest is the lab Redfish service, one JVM for all BMCs)\n", cpu / (rounds ? rounds : 1)
  }'
done
