#!/usr/bin/env bash
# herd exec against clush and pdsh, same run, same bed: a lab of N real sshd nodes on loopback,
# every tool running `hostname` on all of them. Usage: bench/exec.sh [N] [WARM_RUNS] (default 200 5).
# Needs root (the lab). Prints one line per measurement and the ratios at the end. REPEAT=R runs
# every tool R times, interleaved (the bed is shared and noisy), and the ratios use each tool's
# best wall time. herd runs with the launcher's JVM flags plus the heap flags proposed for it
# (-Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20: 1000 open connections in ~520 MB RSS
# instead of ~780 MB; sshj keeps a 256 KiB read buffer per connection). Override: HERD_BENCH_JVM.
#
#   cold:  herd (new JVM, no open connection) vs clush -b -f 64 and pdsh -R ssh -f 64, OpenSSH with
#          its default key exchange and forced to curve25519-sha256 (what sshj negotiates)
#   warm:  herd with its connections open (same JVM) vs clush over open OpenSSH ControlMasters
#   CPU:   herd's own process CPU per node (ThreadMXBean-free: OperatingSystemMXBean process time),
#          and user+sys of clush/pdsh with their ssh children (from /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
warm=${2:-5}
fanout=64
width=${#n}; [ "$width" -lt 2 ] && width=2
nodes=$(printf "valkyrie[%0${width}d-%0${width}d]" 1 "$n")

# one reactor run: the sibling modules resolve to their target/classes, so no `mvn install` is needed
mvn -B -ntp -q -pl commands -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
cp="nodeset/target/classes:lab/target/classes:commands/target/classes:commands/target/test-classes:$(cat commands/target/bench.cp)"
jvm=(${HERD_BENCH_JVM:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20})
repeat=${REPEAT:-1}

dir=$(mktemp -d /tmp/herd-exec-bench.XXXXXX); rmdir "$dir"
lab() { java -cp lab/target/classes herd.lab.LabMain "$@"; }
close_masters() {  # the peer's ControlMasters (and their sshd sessions) must not weigh on herd's runs
  [ -d "$dir/cm" ] && for s in "$dir"/cm/*; do
      [ -S "$s" ] && ssh -o ControlPath="$s" -O exit dummy >/dev/null 2>&1 || true; done
}
cleanup() {
  close_masters
  lab down --dir "$dir" >/dev/null 2>&1 || true
}
trap cleanup EXIT
lab up "$n" --no-bmc --no-dns --no-dhcp --dir "$dir" | head -1
cfg="$dir/ssh/config"
curve="-oKexAlgorithms=curve25519-sha256"

# run KEY NAME CMD...: wall and user+sys CPU of the command and its children; counts output lines.
run() {
  local key=$1 name=$2; shift 2
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$out.t" "$@" >"$out" 2>"$out.err" || true
  read -r wall user sys < <(tail -1 "$out.t")
  [ -s "$out.err" ] && grep -v "^clush: [0-9]*/[0-9]*" "$out.err" | head -3 | sed "s/^/  stderr: /" || true
  local got; got=$(grep -c 'valkyrie' "$out" || true)
  printf "%-34s wall=%6.2f s  client-cpu=%6.2f s (%5.2f ms/node)  lines=%s\n" "$name" "$wall" \
    "$(echo "$user + $sys" | bc)" "$(echo "($user + $sys) * 1000 / $n" | bc -l)" "$got"
  echo "$key $wall" >>"$dir/results"
  rm -f "$out" "$out.t" "$out.err"
}

mkdir -p "$dir/cm"
cm="-oControlMaster=auto -oControlPath=$dir/cm/%%h -oControlPersist=600"
for r in $(seq 1 "$repeat"); do
echo "== run $r/$repeat: N=$n nodes, fanout $fanout, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run clush-default "clush -b (default kex)" clush -b -f $fanout -w "$nodes" -o "-F $cfg" hostname
run clush-curve "clush -b (curve25519-sha256)" clush -b -f $fanout -w "$nodes" -o "-F $cfg $curve" hostname
run pdsh-default "pdsh -R ssh (default kex)" env PDSH_SSH_ARGS_APPEND="-F $cfg" pdsh -R ssh -f $fanout -w "$nodes" hostname
run pdsh-curve "pdsh -R ssh (curve25519-sha256)" env PDSH_SSH_ARGS_APPEND="-F $cfg $curve" pdsh -R ssh -f $fanout -w "$nodes" hostname
clush -b -f $fanout -w "$nodes" -o "-F $cfg $curve $cm" true >/dev/null 2>&1 || true
run clush-cm "clush -b (ControlMaster open)" clush -b -f $fanout -w "$nodes" -o "-F $cfg $cm" hostname
close_masters

t0=$(date +%s.%N)
java "${jvm[@]}" -cp "$cp" herd.exec.ExecBench "$dir" "$nodes" "$warm" $fanout 2>/dev/null | tee -a "$dir/herd.out"
t1=$(date +%s.%N)
printf "herd whole process (JVM start, cold + %s warm runs + cold again): %.2f s\n" "$warm" "$(echo "$t1 - $t0" | bc)"
done

best() { sort -n | head -1; }
cold=$(sed -n 's/^herd cold: wall=\([0-9.]*\).*/\1/p' "$dir/herd.out" | best)
hot=$(sed -n 's/^herd warm.*wall=\([0-9.]*\).*/\1/p' "$dir/herd.out" | best)
ratio() { awk -v a="$1" -v b="$(awk -v k="$2" '$1 == k {print $2}' "$dir/results" | best)" \
  'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }
echo "== ratios (herd / peer, wall; lower is better)"
echo "cold vs pdsh default kex:       $(ratio "$cold" pdsh-default)   (target <= 0.40x)"
echo "cold vs pdsh curve25519-sha256: $(ratio "$cold" pdsh-curve)   (target <= 0.75x)"
echo "cold vs clush default kex:      $(ratio "$cold" clush-default)"
echo "cold vs clush curve25519-sha256:$(ratio "$cold" clush-curve)"
echo "warm vs clush ControlMaster:    $(ratio "$hot" clush-cm)   (target <= 0.25x)"
# The nodes' own share of a warm run (sshd forking the session, the login shell, the command) is the
# machine's busy CPU minus herd's; on these shared cores no client can finish faster than that share
# spread over the cores. The floor line says what a client using no CPU at all would score.
floor=$(sed -n 's/^herd warm.*cpu=\([0-9.]*\) s cpu\/node.*machine-cpu=\([0-9.]*\) s.*/\1 \2/p' "$dir/herd.out" |
  awk -v c="$(nproc)" '{ f = ($2 - $1) / c; if (best == "" || f < best) best = f } END { print best }')
echo "warm floor (nodes' CPU / cores): $(ratio "$floor" clush-cm)   ($floor s: a client using no CPU)"
