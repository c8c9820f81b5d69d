#!/usr/bin/env bash
# A script of 20 `herd -c` calls on a lab of N sshd nodes with BMCs (nodes, exec, power status,
# with @last / @power sets between calls), in the same run:
#   standalone   every call a whole herd (JVM, Spring, cold SSH and BMC connections)
#   session      the same calls through one shared session (eval "$(herd session start)"): the
#                small client per call, warm connections, @last:ok and @power:on from the call before
#   peers        the same steps with ClusterShell's nodeset and clush, and freeipmi's ipmipower
# then one `herd -c "power status @compute"` through the warm session against one ipmipower run
# (median of 5 each), and a `herd -c "nodes @compute"` through the session against the JVM floor
# (a plain `java -cp` hello world). Usage: bench/session.sh [N] (default 50). Needs root (the lab).
# REPEAT=R runs the three scripts R times, interleaved; the ratios use each one's best time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-50}
repeat=${REPEAT:-1}
width=${#n}; [ "$width" -lt 2 ] && width=2
nodes=$(printf "valkyrie[%0${width}d-%0${width}d]" 1 "$n")

./herd -q -c "nodes @compute" >/dev/null            # builds, unpacks and trains once, outside the timing
herd=(env HERD_LIB="$root/.herd-build/app" HERD_CACHE="$root/.herd-build" "$root/dist/bin/herd")
dir=$(mktemp -d /tmp/herd-session-bench.XXXXXX); rmdir "$dir"
work=$(mktemp -d)
cleanup() {
    [ -n "${HERD_SESSION:-}" ] && "${herd[@]}" session stop >/dev/null 2>&1 || true
    "${herd[@]}" lab down --dir "$dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
"${herd[@]}" lab up "$n" --no-dns --no-dhcp --dir "$dir" | head -1
inv="$dir/cluster.yaml"
ports=$(sed -n 's/.*bmc: {host: 127.0.0.1, port: \([0-9]*\),.*/\1/p' "$inv")
hosts=$(for p in $ports; do printf '127.0.0.1:%s,' "$p"; done); hosts=${hosts%,}
pw=$(sed -n 's/^bmc=//p' "$dir/secrets")
conf="$dir/freeipmi.conf"; (umask 077; printf 'username admin\npassword %s\n' "$pw" >"$conf")
ipmipower=(ipmipower --config-file="$conf" -D LAN_2_0 -I 3 -W opensesspriv --retransmission-timeout=2000 -h "$hosts" --stat)
clush=(clush -b -f 64 -w "$nodes" -o "-F $dir/ssh/config")

now() { date +%s%N; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
fail() { echo "bench/session.sh: $*" >&2; exit 1; }

# The 20 steps, 4 rounds of 5; through the session rounds 2 to 4 use the previous calls' sets.
standalone() {
    for _ in 1 2 3 4; do
        "${herd[@]}" -q -i "$inv" -c "nodes @compute"
        "${herd[@]}" -q -i "$inv" -c "exec -b -w @compute hostname"
        "${herd[@]}" -q -i "$inv" -c "exec -b -w @compute uptime"
        "${herd[@]}" -q -i "$inv" -c "power status @compute"
        "${herd[@]}" -q -i "$inv" -c "nodes @compute"
    done
}
shared() {
    for _ in 1 2 3 4; do
        "${herd[@]}" -c "nodes @compute"
        "${herd[@]}" -c "exec -b -w @compute hostname"
        "${herd[@]}" -c "exec -b -w @last:ok uptime"
        "${herd[@]}" -c "power status @compute"
        "${herd[@]}" -c "nodes @power:on"
    done
}
peers() {
    for _ in 1 2 3 4; do
        nodeset -f "$nodes"
        "${clush[@]}" hostname
        "${clush[@]}" uptime
        "${ipmipower[@]}"
        nodeset -f "$nodes"
    done
}
# check LABEL OUTPUT: every node answered in every exec and power step
check() {
    local on; on=$(grep -c ': on$' "$2" || true)
    grep -qF "$nodes" "$2" || fail "$1: no folded node list in its output ($2)"
    [ "$1" = peers ] || [ "$on" -ge 4 ] || fail "$1: power status did not find every node on ($2)"
}

eval "$("${herd[@]}" session start -s -i "$inv" --idle 30m)" >/dev/null
echo "herd session: $n nodes, $(nproc) cores, $(java -version 2>&1 | head -1)"
for r in $(seq 1 "$repeat"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t=$(now); (unset HERD_SESSION; standalone) >"$work/alone.out" 2>&1 || fail "standalone failed: $(tail -3 "$work/alone.out")"
    a=$(ms "$t"); check standalone "$work/alone.out"
    t=$(now); shared >"$work/shared.out" 2>&1 || fail "through the session failed: $(tail -3 "$work/shared.out")"
    s=$(ms "$t"); check session "$work/shared.out"
    t=$(now); peers >"$work/peers.out" 2>&1 || fail "peers failed: $(tail -3 "$work/peers.out")"
    p=$(ms "$t"); check peers "$work/peers.out"
    echo "run $r (load $load): 20 calls: standalone $a ms | through the session $s ms | nodeset+clush+ipmipower $p ms"
    echo "$a $s $p" >>"$work/results"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for _ in 1 2 3 4 5; do
    t=$(now); "${herd[@]}" -c "power status @compute" >/dev/null || fail "power status through the session"
    ms "$t" >>"$work/power-herd"
    t=$(now); "${ipmipower[@]}" >/dev/null; ms "$t" >>"$work/power-peer"
done
mkdir -p "$work/hello"
echo 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }' >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
for _ in 1 2 3 4 5; do
    t=$(now); java -cp "$work/hello" Hello >/dev/null; ms "$t" >>"$work/floor"
    t=$(now); "${herd[@]}" -c "nodes @compute" >/dev/null; ms "$t" >>"$work/nodes-session"
done
ph=$(median <"$work/power-herd"); pp=$(median <"$work/power-peer")
fl=$(median <"$work/floor"); ns=$(median <"$work/nodes-session")

best() { awk -v c="$1" '{print $c}' "$work/results" | sort -n | head -1; }
a=$(best 1); s=$(best 2); p=$(best 3)
echo "== ratios (lower is better; load now $(cut -d' ' -f1 /proc/loadavg))"
awk -v a="$a" -v s="$s" -v p="$p" 'BEGIN {
    printf "20 calls, session / standalone:              %.2fx  (%d vs %d ms)\n", s / a, s, a
    printf "20 calls, session / nodeset+clush+ipmipower: %.2fx  (%d vs %d ms)\n", s / p, s, p
    printf "20 calls, standalone / peers:                %.2fx\n", a / p }'
awk -v h="$ph" -v p="$pp" -v f="$fl" -v ns="$ns" 'BEGIN {
    printf "one power status @compute, session / ipmipower: %.2fx  (%d vs %d ms, medians of 5)\n", h / p, h, p
    printf "herd -c \"nodes @compute\" through the session: %d ms = JVM floor %d ms + %d ms (target: + 50 ms)\n", ns, f, ns - f }'
