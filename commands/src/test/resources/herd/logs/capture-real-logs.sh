#!/bin/bash
# Regenerates the genuine log lines the herd.logs tests parse (run as root, by hand; tests do not
# run it): a real journald, ISC dhcpd answering a real dhclient (syslog), tftpd-hpa serving a real
# TFTP read (syslog), nginx writing its combined access log. Everything
# lives in a private mount namespace (journald's /run, a /dev with /dev/log) and network namespaces
# named after this PID; nothing is left behind.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != inner ]; then
  exec unshare --mount --propagation private bash "$0" inner
fi
work=$(mktemp -d); chmod 755 "$work"; srv=cap-srv$$; cli=cap-cli$$; pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1
  ip netns del "$srv" 2>/dev/null || true; ip netns del "$cli" 2>/dev/null || true
  for d in null zero urandom random; do umount "$work/dev/$d" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
mount -t tmpfs tmpfs /run; mkdir -p /run/systemd/journal /run/log/journal
mkdir "$work/dev"; for d in null zero urandom random; do touch "$work/dev/$d"; mount --bind "/dev/$d" "$work/dev/$d"; done
mount -t tmpfs tmpfs /dev
for d in null zero urandom random; do touch "/dev/$d"; mount --bind "$work/dev/$d" "/dev/$d"; done
ln -s /run/systemd/journal/dev-log /dev/log
/lib/systemd/systemd-journald & pids+=($!); sleep 1

# DHCP: dhcpd in one namespace, dhclient with the node's MAC and host name in another.
cat > "$work/dhcpd.conf" <<CONF
authoritative;
option client-arch code 93 = unsigned integer 16;
if exists client-arch {
  if option client-arch = 00:00 { filename "undionly.kpxe"; }
  elsif option client-arch = 00:07 { filename "ipxe.efi"; }
}
subnet 10.10.0.0 netmask 255.255.0.0 {
  option domain-name "cluster.local";
  next-server 10.10.0.1;
  host valkyrie01 { hardware ethernet 08:00:27:0d:f8:a5; fixed-address 10.10.3.1; option host-name "valkyrie01"; }
}
CONF
printf 'option client-arch code 93 = unsigned integer 16;\nsend client-arch 7;\nsend host-name "valkyrie01";\n' > "$work/dhclient.conf"
printf '#!/bin/sh\nexit 0\n' > "$work/rec.sh"; chmod +x "$work/rec.sh"; touch "$work/leases" "$work/cl.leases"
ip netns add "$srv"; ip netns add "$cli"
ip link add veth-srv netns "$srv" type veth peer name veth-cli netns "$cli"
ip -n "$srv" addr add 10.10.0.1/16 dev veth-srv; ip -n "$srv" link set veth-srv up
ip -n "$cli" link set veth-cli address 08:00:27:0d:f8:a5; ip -n "$cli" link set veth-cli up
ip netns exec "$srv" dhcpd -4 -f -q -cf "$work/dhcpd.conf" -lf "$work/leases" -pf "$work/dhcpd.pid" veth-srv & pids+=($!)
sleep 1
ip netns exec "$cli" timeout 20 dhclient -4 -1 -cf "$work/dhclient.conf" -sf "$work/rec.sh" \
  -lf "$work/cl.leases" -pf "$work/cl.pid" veth-cli
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$work/cl.pid" ] && break; sleep 0.2; done
pids+=("$(cat "$work/cl.pid")")
ip -n "$cli" link set veth-cli address 08:00:27:99:99:99
ip netns exec "$cli" timeout 4 dhclient -4 -1 -cf "$work/dhclient.conf" -sf "$work/rec.sh" \
  -lf "$work/cl2.leases" -pf "$work/cl2.pid" veth-cli || true

# TFTP: tftpd-hpa on a loopback port, read by curl.
mkdir "$work/tftp"; head -c 4096 /dev/urandom > "$work/tftp/undionly.kpxe"
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
in.tftpd -L -v -s -a "127.0.0.1:$port" "$work/tftp" & pids+=($!); sleep 0.5
curl -s -o /dev/null "tftp://127.0.0.1:$port/undionly.kpxe"
curl -s -o /dev/null "tftp://127.0.0.1:$port/missing.efi" || true

# HTTP: nginx writing the combined access log.
mkdir -p "$work/nginx/logs" "$work/www/nodes"; echo '#!ipxe' > "$work/www/boot.ipxe"; echo '#!ipxe' > "$work/www/nodes/valkyrie01.ipxe"
hport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/nginx/nginx.conf" <<CONF
pid $work/nginx/nginx.pid; error_log $work/nginx/logs/error.log;
events {}
http { access_log $work/nginx/logs/access.log combined;
  server { listen 127.0.0.1:$hport; root $work/www; } }
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' & pids+=($!); sleep 0.5
for p in boot.ipxe nodes/valkyrie01.ipxe herd/install-finished; do curl -s -o /dev/null -A 'iPXE/1.21.1+' "http://127.0.0.1:$hport/$p"; done
sleep 1
cp "$work/nginx/logs/access.log" "$out/nginx-access.log"
ids=(-t dhcpd -t in.tftpd)
journalctl --no-pager -o json "${ids[@]}" > "$out/journal.json"
journalctl --no-pager -o short "${ids[@]}" > "$out/syslog-short.log"
journalctl --no-pager -o short-iso "${ids[@]}" > "$out/syslog-short-iso.log"
echo "captured into $out"
