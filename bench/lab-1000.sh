#!/usr/bin/env bash
# Brings up a 1000-node herd lab (SSH nodes; BMCs off: they are limited to 1,014 per lab), checks
# that the first and last node answer over SSH with their own hostname, and tears it down.
# Prints the wall time of up and down. Usage: bench/lab-1000.sh [N] (default 1000). Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
if [ ! -d lab/target/classes/herd/lab ]; then
  mvn -B -ntp -q -pl lab package -DskipTests
fi
cp=lab/target/classes
dir=$(mktemp -d /tmp/herd-lab-bench.XXXXXX)
rmdir "$dir"
lab() { java -cp "$cp" herd.lab.LabMain "$@"; }
trap 'lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT

t0=$(date +%s.%N)
lab up "$n" --no-bmc --dir "$dir" | head -1
t1=$(date +%s.%N)
sed 's/^/  phase /' "$dir/log/up.log"
width=${#n}; [ "$width" -lt 2 ] && width=2
first=$(printf "valkyrie%0${width}d" 1); last=$(printf "valkyrie%0${width}d" "$n")
for node in "$first" "$last"; do
  got=$(ssh -F "$dir/ssh/config" "$node" hostname)
  [ "$got" = "$node" ] || { echo "bench: $node answered '$got'" >&2; exit 1; }
done
up_count=$(lab status --dir "$dir" | sed -n '1s/.*nodes, \([0-9]*\) on.*/\1/p')
[ "$up_count" = "$n" ] || { echo "bench: only $up_count of $n nodes on" >&2; exit 1; }
t2=$(date +%s.%N)
lab down --dir "$dir"
t3=$(date +%s.%N)
trap - EXIT
awk -v n="$n" -v on="$up_count" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" \
  'BEGIN { printf "lab-%s: up %.1f s (JVM included), %s/%s nodes on, down %.1f s\n", n, t1 - t0, on, n, t3 - t2 }'
