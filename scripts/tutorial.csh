#!/usr/bin/env herd
# The whole procedure of the cluster deployment tutorial (../shared/seed/cluster-deployment-tutorial.txt)
# that herd covers, in its order, one herd command per step, for an EL 9 cluster: odin manages,
# thor serves NFS, heimdall is the login node, the valkyries compute. Run it on odin:
#     ./herd -n scripts/tutorial.csh     check every line, run nothing
#     ./herd scripts/tutorial.csh        run it; the first failing line stops it
# On the lab (docs/lab.md, "The tutorial on the lab"): herd lab up 4 --extra odin, then
#     ./herd --inventory /tmp/herd-lab/cluster.yaml scripts/tutorial.csh
#
# The few commands that differ on other systems are variables. Their EL 9 values are set here
# with `set -d`, which an inventory's variables: section overrides; the lab's does, for its
# Debian nodes (docs/inventory.md).
set -d NODES @compute                    # the nodes deployed and configured
set -d MGMT odin                         # the management node: time server
set -d NFS_SERVER thor
set -d NFS_CLIENTS @login,@compute
set -d TUTORIAL_FILES scripts/tutorial     # the tutorial's files: repositories, chrony.conf, exports
set -d HOSTS_FILE /etc/hosts             # odin's hosts file, the one every node gets
set -d TIME_CONF /etc/chrony.conf
set -d TIME_ONESHOT chronyd -q           # one clock sync against odin, then exit
set -d PKG_CLEAN dnf clean all
set -d USER_ADD adduser
set -d NFS_MOUNT mount

echo "--- DHCP server, DNS server, hosts file: entries of every node, from the inventory"
net sync $NODES --dry-run                # the diff of dhcpd.conf, both zones and the hosts file
net sync $NODES --apply                  # written, checked (dhcpd -t, named-checkzone), dhcpd restarted, zones reloaded
net check $NODES                         # every A has its PTR, no MAC or IP twice

echo "--- iPXE: boot.ipxe, a file per group, relative links node -> group, the kickstart"
pxe render $NODES
pxe show valkyrie01

echo "--- BMCs, and the consoles (SOL) captured from now on"
power status $NODES
console --log $NODES

echo "--- deploy: bootdev pxe, power cycle, the DHCP/TFTP/HTTP logs followed, bootdev disk at the end"
# --follow prints each node's stages as the DHCP, TFTP and HTTP logs show them (what the tutorial
# watches with journalctl -f and tail -f; at the prompt, `follow &` shows the lines themselves).
deploy $NODES --follow --yes --timeout 30m
bootdev status $NODES                    # disk: no reinstall loop
exec -w $NODES -b -t 20 -u 60 uname -n

echo "--- client side: repositories"
exec -w $NODES -b 'mkdir -p /etc/yum.repos.d && cp -a /etc/yum.repos.d/ /root/yum.repos.d.backup'
exec -w $NODES -b 'rm -f /etc/yum.repos.d/*.repo'
copy -w $NODES $TUTORIAL_FILES/os.repo $TUTORIAL_FILES/extra.repo --dest /etc/yum.repos.d/
exec -w $NODES -b $PKG_CLEAN

echo "--- client side: hosts file"
copy -w $NODES $HOSTS_FILE --dest /etc/hosts

echo "--- time: odin serves, the nodes follow it"
copy -w $MGMT $TUTORIAL_FILES/chrony-server.conf --dest $TIME_CONF
exec -w $MGMT systemctl restart chronyd
exec -w $MGMT systemctl enable chronyd
copy -w $NODES $TUTORIAL_FILES/chrony-client.conf --dest $TIME_CONF
exec -w $NODES systemctl stop chronyd
exec -w $NODES -B $TIME_ONESHOT "'server 10.10.0.1 iburst'"
exec -w $NODES systemctl start chronyd
exec -w $NODES systemctl enable chronyd

echo "--- storage: NFS server"
exec -w $NFS_SERVER mkdir -p /home /software
copy -w $NFS_SERVER $TUTORIAL_FILES/exports --dest /etc/exports
exec -w $NFS_SERVER systemctl start nfs-server
exec -w $NFS_SERVER systemctl enable nfs-server
exec -w $NFS_SERVER -b showmount -e $NFS_SERVER

echo "--- storage: NFS clients"
exec -w $NFS_CLIENTS mkdir -p /software /home
exec -w $NFS_CLIENTS "grep -q ' /home nfs ' /etc/fstab || echo '$NFS_SERVER:/home /home nfs rw,rsize=32768,wsize=32768,intr,nfsvers=4,bg 0 0' >> /etc/fstab"
exec -w $NFS_CLIENTS "grep -q ' /software nfs ' /etc/fstab || echo '$NFS_SERVER:/software /software nfs ro,intr,nfsvers=4,bg 0 0' >> /etc/fstab"
exec -w $NFS_CLIENTS -b $NFS_MOUNT /home
exec -w $NFS_CLIENTS -b $NFS_MOUNT /software

echo "--- users: the same uid and gid on every node, the home on the NFS server"
exec -w @all groupadd -g 2001 myuser
exec -w @all $USER_ADD myuser --shell /bin/bash -d /home/myuser -u 2001 -g 2001
exec -w $NFS_SERVER 'mkdir -p /home/myuser && chown -R myuser:myuser /home/myuser'
exec -w @all -b id myuser

echo "--- consoles: what SOL showed during the deployment"
console --stop $NODES
echo "tutorial done: $NODES"
