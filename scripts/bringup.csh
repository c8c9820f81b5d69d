#!/usr/bin/env herd
# Bring up the compute nodes as docs/../seed/cluster-deployment-tutorial.txt does by hand, one
# herd command per step. Run it on the management node:
#     ./herd -n scripts/bringup.csh      check every line (commands, options), run nothing
#     ./herd scripts/bringup.csh         run it; the first failing line stops it (-k goes on)
# Every line works on $NODES; change it (or `set NODES ...` before `source scripts/bringup.csh`).

set NODES @compute

# 1. DHCP, DNS and /etc/hosts (tutorial: "DHCP server", "DNS server", "Hosts file"): the host
#    entries, the forward and reverse zones and the hosts lines of every node, from the inventory.
net sync $NODES --dry-run           # the diff of dhcpd.conf, the zones and /etc/hosts, nothing written
net sync $NODES --apply             # write, validate (dhcpd -t, named-checkzone), restart dhcpd, reload zones
net check $NODES                    # PTR for every A, no MAC or IP twice: stops here when not consistent

# 2. The iPXE chain (tutorial: "iPXE"): boot.ipxe, one file per group and per-node symlinks, and
#    the kickstart of the nodes' profile, under the inventory's http root.
pxe render $NODES --dry-run         # what would change
pxe render $NODES                   # write it; warns when kernel/initrd or the iPXE binaries are missing
pxe show valkyrie01                 # the chain one node will follow, file by file

# 3. The BMCs answer before anything is power-cycled (tutorial: "ipmitool ... chassis power").
power status $NODES
bootdev status $NODES
console $NODES --log                # capture the serial consoles (SOL) while the nodes install

# 4. Deploy (tutorial: "bootdev pxe", "power cycle", then watch dhcpd/tftp/httpd logs by hand):
#    next boot PXE (one time), power cycle, follow every node through DHCP, iPXE, kernel, kickstart,
#    install done, reboot from disk, ssh up; each node is switched back to disk boot when done.
deploy $NODES --follow --yes --timeout 2h
bootdev status $NODES               # disk again: no reinstall loop
console --stop $NODES                # the captures end: their logs stay in console_logs

# 5. The installed nodes answer over SSH (tutorial: "clush -bw valkyrie[01-02] ...").
exec -w $NODES -b -t 20 -u 60 uname -r
exec -w $NODES -b -- cat /etc/os-release
exec -w $NODES -S -u 60 systemctl is-system-running --wait
exec -w $NODES -b -- getent hosts valkyrie01
echo "bringup done: $NODES"
