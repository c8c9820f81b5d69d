#!/usr/bin/env bash
# Group-source benchmark: `nodeset -LL` over one Ansible inventory of $BENCH_GROUPS (10) groups, read by
# herd through one mapall upcall (ClusterShell 1.10 style) and by ClusterShell 1.9.1's nodeset
# through one map upcall per group (1.9.1 has no mapall), same run, same output checked first.
# Usage: bench/nodeset-groups.sh [RUNS] (default 3; needs hyperfine, nodeset, ansible-core, jq, java)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
GROUPS_N=${BENCH_GROUPS:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for c in hyperfine nodeset ansible-inventory jq; do
    command -v $c >/dev/null || { echo "$c not installed" >&2; exit 1; }
done
mvn -B -ntp -q -pl nodeset package -DskipTests
JAR=$(ls nodeset/target/herd-nodeset-*.jar | head -1)

mkdir -p "$WORK/inv"
for g in $(seq 1 "$GROUPS_N"); do printf '[rack%d]\nr%dn[01:40]\n' "$g" "$g"; done > "$WORK/inv/hosts"
# Ansible keeps temp files under $HOME: keep them in the work directory.
ENV="HOME=$WORK ANSIBLE_LOCAL_TEMP=$WORK/tmp"
cat > "$WORK/mapall.conf" <<CONF
[Main]
default: ans
[ans]
mapall: $ENV ansible-inventory -i inv/hosts --list 2>/dev/null | jq -r '. as \$i
    | ([keys[], (.[] | .children? // [] | .[])] | unique - ["_meta"])[] as \$g
    | "\\(\$g): \\([(\$i[\$g].hosts // [])[], ((\$i[\$g].children // [])[] | "@" + .)] | join(" "))"'
CONF
cat > "$WORK/map.conf" <<CONF
[Main]
default: ans
[ans]
map: $ENV ansible -i inv/hosts \$GROUP --list-hosts 2>/dev/null | tail -n +2
list: $ENV ansible-inventory -i inv/hosts --graph 2>/dev/null | sed -n 's/^[ |-]*@\\(.*\\):\$/\\1/p' | sort -u
CONF
HERD="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $JAR herd.nodeset.cli.NodesetMain --groupsconf=$WORK/mapall.conf -LL"
CS="nodeset --groupsconf=$WORK/map.conf -LL"
[ "$($HERD | md5sum)" = "$($CS | md5sum)" ] || { echo "OUTPUT DIFFERS" >&2; exit 1; }
hyperfine -r "$RUNS" --export-json "$WORK/h.json" "$HERD" >/dev/null 2>&1
hyperfine -r "$RUNS" --export-json "$WORK/c.json" "$CS" >/dev/null 2>&1
/usr/bin/python3 - "$WORK/h.json" "$WORK/c.json" "$GROUPS_N" <<'PY'
import json, sys
h, c = (json.load(open(f))['results'][0]['mean'] for f in sys.argv[1:3])
print('| -LL, Ansible inventory, %s groups | herd mapall %.2f s | ClusterShell 1.9.1 map per group %.2f s | %.1fx |'
      % (sys.argv[3], h, c, c / h))
PY
uptime
