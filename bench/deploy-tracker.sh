#!/usr/bin/env bash
# The deploy tracker against the log rate of N nodes deploying together (bench/DeployTrackerBench.java):
# dhcpd's and nginx's log lines written to two files by a writer thread, followed by herd's
# FollowEngine into the DeployTracker, the live view rendered twice a second, as `deploy --follow`
# does. Each node logs 8 DHCP lines, its 5 chain files, PACKAGES package fetches and the callback.
#   paced     the log rate of N nodes installing together: each fetching 1,000 packages in 5 minutes
#             (N * 1000 / 300 lines/s: 1,667/s for 500), for as long as PACKAGES lines per node last
#   flat out  the writer as fast as it can: how many lines/s the tracker keeps up with
# Prints lines produced/handled per second, the largest lag, herd's CPU (% of one core), view render time.
# Usage: bench/deploy-tracker.sh [N] [PACKAGES] (default: 500 nodes, 200 packages each). No root needed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-500}
packages=${2:-200}
rate=$(( n * 1000 / 300 ))

mvn -B -ntp -q -pl commands -am compile
f=$(mktemp); mvn -B -ntp -q -pl commands dependency:build-classpath -Dmdep.outputFile="$f" >/dev/null
cp="$root/commands/target/classes:$root/nodeset/target/classes:$(tr ':' '\n' < "$f" | grep -v '/io/herd/' | paste -sd:)"
rm -f "$f"
herd_jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m)  # as ./herd starts its JVM

echo "paced, $rate lines/s (load $(cut -d' ' -f1 /proc/loadavg)):"
java "${herd_jvm[@]}" -cp "$cp" bench/DeployTrackerBench.java "$n" "$packages" "$rate"
echo "flat out (load $(cut -d' ' -f1 /proc/loadavg)):"
java "${herd_jvm[@]}" -cp "$cp" bench/DeployTrackerBench.java "$n" "$packages" 0
