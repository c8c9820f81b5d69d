#!/usr/bin/env bash
# power status on N lab BMCs (real ipmi_sim, IPMI 2.0 lanplus, cipher suite 3), in the same run:
#   herd cold   first `power status` of a session (logs in to every BMC), in-process
#   herd warm   the same command again on the session's warm BMC sessions (median of 5 rounds)
#   herd -c     a whole `herd -c "power status @compute"` process (JVM start included), and the
#               start-up any `herd -c` pays, timed with `herd -c "nodes @compute"` on the same inventory
#   ipmipower   freeipmi, parallel (-W opensesspriv, host:port list); its retransmission
#               timeout is raised to 2 s: with the default 0.4 s a loaded 2-core machine makes it
#               retransmit into ipmi_sim's half-open sessions, and most hosts end in "session timeout"
#               Each round runs herd warm then ipmipower right after it (paired: the machine is
#               shared, and load changes between seconds); the ratio is the median of the rounds'.
#   The in-process herd runs with the JVM options of ./herd (C1 only, serial GC), as herd runs.
#   ipmitool    a sequential loop, one process per BMC
#   threads, RSS of the in-process herd with every session warm
# Usage: bench/power.sh [N...] (default: 50 200 1000). Needs root (the lab). Prints ms and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(50 200 1000)

mvn -B -ntp -q -pl shell -am compile
classpath() {  # MODULE: its classes, the modules below it, and its dependencies
  local f; f=$(mktemp); mvn -B -ntp -q -pl "$1" -am compile dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null
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
  dir=$(mktemp -d /tmp/herd-power-bench.XXXXXX); rmdir "$dir"
  trap 'lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT
  lab up "$n" --no-dns --no-dhcp --dir "$dir" | head -1
  inv="$dir/cluster.yaml"
  ports=$(sed -n 's/.*bmc: {host: 127.0.0.1, port: \([0-9]*\),.*/\1/p' "$inv")
  pw=$(sed -n 's/^bmc=//p' "$dir/secrets")
  conf="$dir/freeipmi.conf"; (umask 077; printf 'username admin\npassword %s\n' "$pw" > "$conf")

  hosts=$(for p in $ports; do printf '127.0.0.1:%s,' "$p"; done); hosts=${hosts%,}
  load=$(cut -d' ' -f1 /proc/loadavg)

  # herd, in-process: cold, then rounds of herd warm + ipmipower (parallel)
  read -r cold cold_on warm warm_on ipmipower_ms peer_on ratio threads bmc_threads rss sessions < <(java "${herd_jvm[@]}" -cp "$engine_cp" \
    "$root/bench/PowerBench.java" "$inv" 5 256 \
    ipmipower --config-file="$conf" -D LAN_2_0 -I 3 -W opensesspriv --retransmission-timeout=2000 -h "$hosts" --stat \
    2>/dev/null | awk '{ printf "%s %s ", $2, $3 } END { print "" }')
  [ "$cold_on" -eq "$n" ] && [ "$warm_on" -eq "$n" ] || echo "  herd: only $cold_on (cold) / $warm_on (warm) of $n answered 'on'" >&2
  [ "$peer_on" -eq "$n" ] || echo "  ipmipower: only $peer_on of $n answered 'on' in a round" >&2

  # herd, whole process: start-up alone (a command that needs no BMC), then power status
  t=$(now); HERD_CLASSPATH="$cp" "$root/herd" --inventory "$inv" -c "nodes @compute" >/dev/null 2>&1 || true
  startup=$(( ($(now) - t) / 1000000 ))
  t=$(now); out=$(HERD_CLASSPATH="$cp" "$root/herd" --inventory "$inv" -c "power status @compute" 2>/dev/null || true)
  process=$(( ($(now) - t) / 1000000 ))
  [ "$out" = "$(sed -n 's/^  compute: "\(.*\)"/\1/p' "$inv"): on" ] || echo "  herd -c printed: $out" >&2

  # ipmitool, sequential
  t=$(now); on=0
  for p in $ports; do
    IPMI_PASSWORD="$pw" ipmitool -I lanplus -C 3 -H 127.0.0.1 -p "$p" -U admin -E chassis power status | grep -q 'is on' && on=$((on + 1))
  done
  ipmitool_ms=$(( ($(now) - t) / 1000000 ))
  [ "$on" -eq "$n" ] || echo "  ipmitool loop: only $on of $n answered 'on'" >&2

  lab down --dir "$dir" >/dev/null; trap - EXIT
  awk -v n="$n" -v c="$cold" -v w="$warm" -v p="$process" -v f="$ipmipower_ms" -v s="$ipmitool_ms" -v r="$ratio" \
      -v l="$load" -v u="$startup" -v t="$threads" -v b="$bmc_threads" -v m="$rss" -v k="$sessions" 'BEGIN {
    printf "power status, %d BMCs (ms; load %s): herd warm %d | herd cold %d | herd -c process %d (start-up %d) | ipmipower %d | ipmitool loop %d\n", n, l, w, c, p, u, f, s
    printf "  ratios: ipmipower/herd-warm %.2fx (paired rounds), ipmipower/herd-cold %.2fx, ipmipower/(herd -c - start-up) %.2fx, ipmitool-loop/herd-warm %.0fx\n", r, f / (c ? c : 1), f / (p - u > 0 ? p - u : 1), s / (w ? w : 1)
    printf "  herd with %d warm sessions: %d threads (%d of the BMC back end), RSS %d MB\n", k, t, b, m / 1024
  }'
done
