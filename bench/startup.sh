#!/usr/bin/env bash
# Start-up of herd as whole processes, median of N runs (default 5), against a plain `java -cp`
# hello world (the floor: a JVM that does nothing):
#   - first prompt: ./herd started on a pseudo-terminal, until "herd>" is on the screen;
#   - one command: ./herd -q -c "nodes @compute", until the process exits;
#   - the same command through a shared session (herd session start): the small client alone.
# Usage: bench/startup.sh [RUNS] [HERD]   (HERD_JAVA / HERD_AOT / HERD_NO_CDS select the variant)
# HERD: another herd to time in the same run, e.g. /usr/bin/herd from the .deb or the bin/herd of
# an unpacked tarball (its archive is made once, in a private cache, before the timing).
# CPU time (user+sys of the whole process) is printed too: on a loaded machine it is the steadier
# of the two figures.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
other=${2:-}
java=${HERD_JAVA:-java}
if [ "${HERD_AOT:-0}" = 1 ] && [ -z "${HERD_JAVA:-}" ]; then java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./herd -q -c "nodes @compute" >/dev/null      # builds, extracts and trains once, outside the timing

mkdir -p "$work/hello"
cat >"$work/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work/hello" "$work/hello/Hello.java"

# Runs argv on a pty until PATTERN is printed (then types "exit"), or until it exits; prints seconds.
pty_time() {
    python3 - "$@" <<'PY'
import os, pty, sys, time, select, fcntl, termios, struct
pattern = sys.argv[1].encode()
argv = sys.argv[2:]
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
buf = b""
elapsed = None
while True:
    r, _, _ = select.select([fd], [], [], 30)
    if not r:
        break
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    buf += data
    if elapsed is None and pattern and pattern in buf:
        elapsed = time.monotonic() - start
        os.write(fd, b"exit\r")
_, _, usage = os.wait4(pid, 0)
if elapsed is None:
    elapsed = time.monotonic() - start
print("%.3f %.3f" % (elapsed, usage.ru_utime + usage.ru_stime))
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {  # LABEL PATTERN ARGV...  -> median wall time and median CPU time (user+sys, whole run)
    local label=$1; shift
    local walls=() cpus=() w c
    for _ in $(seq "$runs"); do
        read -r w c < <(pty_time "$@")
        walls+=("$w"); cpus+=("$c")
    done
    printf '%-40s wall %6.3f s  cpu %6.3f s   wall runs: %s\n' "$label" \
        "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "${walls[*]}"
}

echo "herd start-up, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
measure "floor: java -cp hello world"            ""      "$java" -cp "$work/hello" Hello
measure "herd: first prompt (interactive)"        "herd>" env HOME="$work" XDG_STATE_HOME="$work/state" ./herd
measure "herd -c \"nodes @compute\""               ""      ./herd -q -c "nodes @compute"
measure "herd nodeset -f valkyrie01 valkyrie02"   ""      ./herd nodeset -f valkyrie01 valkyrie02
export XDG_RUNTIME_DIR="$work"
eval "$(./herd session start -s --idle 10m)" >/dev/null
measure "herd -c \"nodes @compute\" (session)"     ""      ./herd -q -c "nodes @compute"
./herd session stop >/dev/null
unset HERD_SESSION
if [ -n "$other" ]; then
    env=(env HOME="$work" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache")
    "${env[@]}" "$other" -q -c "nodes @compute" >/dev/null      # makes its archive, outside the timing
    measure "$other: first prompt"                  "herd>" "${env[@]}" "$other"
    measure "$other -c \"nodes @compute\""          ""      "${env[@]}" "$other" -q -c "nodes @compute"
    # What an installed herd's scripts pay per call: its own launcher, no source-tree check.
    eval "$("${env[@]}" "$other" session start -s --idle 10m)" >/dev/null
    measure "$other -c (session)"                  ""      "${env[@]}" HERD_SESSION="$HERD_SESSION" "$other" -q -c "nodes @compute"
    "${env[@]}" HERD_SESSION="$HERD_SESSION" "$other" session stop >/dev/null
    unset HERD_SESSION
fi
