#!/usr/bin/env bash
# Whole-process benchmark: herd's NodesetMain against ClusterShell 1.9.1 `nodeset`, same run.
# Usage: bench/nodeset.sh [RUNS]   (default 5 runs per command; needs hyperfine, nodeset, java)
# Prints mean wall times and herd's speed-up; the slow ClusterShell case is cut at $CS_TIMEOUT s.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CS_TIMEOUT=${CS_TIMEOUT:-90}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 1; }
command -v nodeset >/dev/null || { echo "ClusterShell nodeset not installed" >&2; exit 1; }

mvn -B -ntp -q -pl nodeset package -DskipTests
JAR=$(ls nodeset/target/herd-nodeset-*.jar | head -1)

# 100,000 shuffled names, generated once.
/usr/bin/python3 - "$WORK/names.txt" <<'PY'
import random, sys
names = ['node%d' % i for i in range(1, 100001)]
random.Random(1).shuffle(names)
open(sys.argv[1], 'w').write('\n'.join(names) + '\n')
PY

JOPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m"
# Application class-data sharing archive: one training run, then reused (JDK 17 AppCDS).
java -XX:ArchiveClassesAtExit="$WORK/nodeset.jsa" $JOPTS -cp "$JAR" herd.nodeset.cli.NodesetMain -f - \
    'r[1-10]c[1-10]n[1-10]!r[1-5]c[1-5]n[1-5]' < "$WORK/names.txt" >/dev/null 2>&1
HERD="java $JOPTS -XX:SharedArchiveFile=$WORK/nodeset.jsa -Xshare:auto -cp $JAR herd.nodeset.cli.NodesetMain"
HERD_PLAIN="java $JOPTS -cp $JAR herd.nodeset.cli.NodesetMain"

# Same answers first: a benchmark of wrong output is worthless.
check() {
    local a b
    a=$(eval "$HERD $*" | md5sum); b=$(eval "nodeset $*" | md5sum)
    [ "$a" = "$b" ] || { echo "OUTPUT DIFFERS for: $*" >&2; exit 1; }
}
check -f "< $WORK/names.txt"
check -c "'r[1-100]c[1-100]n[1-100]'"
check -e "'node[1-200000]'"

# "wall cpu" of a hyperfine result: mean wall time and mean user+system CPU time.
mean() { /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('%.3f %.3f' % (r['mean'], r['user'] + r['system']))" "$1"; }
row() {   # name, "herd wall cpu", "cs wall cpu" (or ">N")
    /usr/bin/python3 -c "
import sys
name, (hw, hc), c = sys.argv[1], map(float, sys.argv[2].split()), sys.argv[3]
if c.startswith('>'):
    print('| %-50s | %6.3f s | %6.3f s | %8s s | %10s | %7s | %7s |' % (name, hw, hc, c, '(timeout)', '>%.0fx' % (float(c[1:]) / hw), '-'))
else:
    cw, cc = map(float, c.split())
    print('| %-50s | %6.3f s | %6.3f s | %8.3f s | %8.3f s | %6.1fx | %6.1fx |' % (name, hw, hc, cw, cc, cw / hw, cc / hc))" "$@"
}
bench() {  # label, args (shell words)
    local label=$1; shift
    hyperfine -w 1 -r "$RUNS" --export-json "$WORK/h.json" "$HERD $*" >/dev/null 2>&1
    hyperfine -w 1 -r "$RUNS" --export-json "$WORK/c.json" "nodeset $*" >/dev/null 2>&1
    row "$label" "$(mean "$WORK/h.json")" "$(mean "$WORK/c.json")"
}

echo "| command (whole process, mean of $RUNS) | herd wall | herd cpu | ClusterShell wall | ClusterShell cpu | wall speed-up | cpu speed-up |"
echo "|---|---|---|---|---|---|---|"
hyperfine -w 2 -r "$RUNS" --export-json "$WORK/h.json" "$HERD -f 'n[1-5]'" >/dev/null 2>&1
hyperfine -w 2 -r "$RUNS" --export-json "$WORK/p.json" "$HERD_PLAIN -f 'n[1-5]'" >/dev/null 2>&1
hyperfine -w 1 -r "$RUNS" --export-json "$WORK/c.json" "nodeset -f 'n[1-5]'" >/dev/null 2>&1
row "-f 'n[1-5]' (startup, AppCDS)" "$(mean "$WORK/h.json")" "$(mean "$WORK/c.json")"
row "-f 'n[1-5]' (startup, no AppCDS)" "$(mean "$WORK/p.json")" "$(mean "$WORK/c.json")"
bench "-f < 100,000 shuffled names" -f "< $WORK/names.txt"
bench "-c 'r[1-100]c[1-100]n[1-100]'" -c "'r[1-100]c[1-100]n[1-100]'"
bench "-e 'node[1-200000]'" -e "'node[1-200000]' > /dev/null"

BIG="'r[1-100]c[1-100]n[1-100]!r[1-50]c[1-50]n[1-50]'"
hyperfine -w 1 -r "$RUNS" --export-json "$WORK/h.json" "$HERD -c $BIG" >/dev/null 2>&1
if eval "/usr/bin/time -f '%e %U %S' -o $WORK/t.txt timeout $CS_TIMEOUT nodeset -c $BIG" >/dev/null 2>&1; then
    cs=$(awk '{printf "%.3f %.3f", $1, $2 + $3}' "$WORK/t.txt")
else
    cs=">$CS_TIMEOUT"
fi
row "-c 'r[1-100]c[1-100]n[1-100]!r[1-50]c[1-50]n[1-50]'" "$(mean "$WORK/h.json")" "$cs"

# Memory: maximum resident set of a process holding node[0-999999] (counted, then expanded).
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
h_rss=$(eval "rss $HERD -c 'node[0-999999]'")
c_rss=$(rss nodeset -c 'node[0-999999]')
echo
echo "max RSS holding node[0-999999] (-c): herd ${h_rss} KiB, ClusterShell ${c_rss} KiB" \
     "(herd keeps it as 6 index runs; see RangeSetTest.millionIndexesAreHeldAsAFewRuns)"
