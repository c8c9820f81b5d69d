#!/usr/bin/perl
# herd lab: one lab node, booted as a machine of its own. Usage: node-boot LAB NAME
#
# Started by LAB/bin/node inside the lab's mount namespace. It binds the node's SSH address
# (127.A.x.y:2222, in the host's network) first, then detaches into new mount, PID, UTS, IPC
# and network namespaces (the network one of the cluster bridge for the management node, whose
# address is the bridge's) and becomes the node's PID 1: its root is an overlay of the host's /
# with the node's disk (LAB/nodes/NAME/disk/upper) on top, /proc, /sys, /run and /dev/shm of its
# own. It then serves SSH inetd style: every connection, on 127.A.x.y:2222 or on port 22 of
# the node's own network, gets an `sshd -i` inside the node (lab faults: SIGUSR2 stops its SSH
# listeners, connections refused; SIGPWR stops accepting on a one-place queue, which a lab fault
# fills, so new connections go unanswered as to an unplugged node; SIGHUP serves again). It starts the services enabled
# with the node's systemctl at boot, and reaps orphans as an init does.
#
# A disk without LAB/nodes/NAME/disk/installed is installed first: the node's host name, hosts
# file, sshd_config and host key, root's authorized key, empty /root, /home, /tmp and /var/tmp,
# the lab's systemctl (/usr/bin/systemctl) and its units (/etc/herd-lab/units).
# A deploy empties the disk, so the next boot installs a fresh system, and leaves the installer's
# first-boot script (LAB/nodes/NAME/install/firstboot: time zone, root password, %post...), run
# inside the node once, its output in /root/herd-lab-install.log.
# System call numbers are x86_64's.
use strict;
use warnings;
use Socket qw(PF_INET SOCK_STREAM SOL_SOCKET SO_REUSEADDR INADDR_ANY pack_sockaddr_in inet_aton);

my ($LAB, $NAME) = @ARGV;
die "usage: node-boot LAB NAME\n" unless defined $NAME;
my $D = "$LAB/nodes/$NAME";
# No POSIX module: it doubles perl's start-up, which a 1000-node lab pays 1000 times.
my $WNOHANG = 1;
my %SYS = (setsid => 112, mount => 165, umount2 => 166, pivot_root => 155, sethostname => 170, setxattr => 188,
           unshare => 272, setns => 308);
my ($NEWNS, $NEWUTS, $NEWIPC, $NEWNET, $NEWPID) = (0x20000, 0x04000000, 0x08000000, 0x40000000, 0x20000000);
my ($MS_NOSUID, $MS_NODEV, $MS_NOEXEC, $MS_BIND, $MS_REC, $MS_PRIVATE) = (2, 4, 8, 4096, 16384, 1 << 18);

my ($CARD_R, $CARD_W);
my %conf = map { chomp; split /=/, $_, 2 } grep { /=/ } slurp("$D/node.conf");

# Sockets inherited from the caller are not the node's: powered on by its BMC, the node would
# otherwise hold the BMC's UDP socket for as long as it runs (a killed BMC's port still bound).
for my $fd (map { s{.*/}{}r } glob('/proc/self/fd/*')) {
    syscall(3, $fd + 0) if $fd > 2 && (readlink("/proc/self/fd/$fd") // '') =~ /^socket:/;    # close
}
socket(my $ssh, PF_INET, SOCK_STREAM, 0) or die "node-boot: socket: $!\n";
setsockopt($ssh, SOL_SOCKET, SO_REUSEADDR, 1) or die "node-boot: setsockopt: $!\n";
bind($ssh, pack_sockaddr_in(2222, inet_aton($conf{addr}))) or die "node-boot: bind $conf{addr}:2222: $!\n";
listen($ssh, 1024) or die "node-boot: listen: $!\n";

# Detach from the caller (bin/node returns at once), then the namespaces; the next child is PID 1.
exit 0 if fork();
syscall($SYS{setsid});
if ($conf{net} =~ /^join:(.+)$/) {
    open(my $ns, '<', $1) or die "node-boot: $NAME: cluster network $1: $!\n";
    sys('setns', fileno($ns), $NEWNET);
    sys('unshare', $NEWNS | $NEWUTS | $NEWIPC | $NEWPID);
} else {
    sys('unshare', $NEWNS | $NEWUTS | $NEWIPC | $NEWPID | $NEWNET);
}
exit 0 if fork();
init();

sub init {
    $0 = "herd-node $LAB $NAME";
    my $pid = readlink('/proc/self');    # the host's /proc still: the pid the lab knows the node by
    sys('mount', 'none', '/', 0, $MS_REC | $MS_PRIVATE, 0);
    # The mount point lives in the lab's private /run: a mount point under LAB would make
    # teardown's rmdir of it detach mounts in dying namespaces, slowly.
    my $root = "/run/herd-node/$NAME";
    mkdir $_ for '/run/herd-node', $root;
    mkdir "$D/$_" for qw(disk disk/upper disk/work);
    install("$D/disk/upper") unless -e "$D/disk/installed";
    # index and nfs_export: files of the node have file handles, which an NFS server (nfs-server.service) needs.
    sys('mount', 'overlay', $root, 'overlay', 0, "lowerdir=/,upperdir=$D/disk/upper,workdir=$D/disk/work,index=on,nfs_export=on");
    sys('mount', 'proc', "$root/proc", 'proc', $MS_NOSUID | $MS_NODEV | $MS_NOEXEC, 0);
    sys('mount', 'sysfs', "$root/sys", 'sysfs', $MS_NOSUID | $MS_NODEV | $MS_NOEXEC, 0);
    sys('mount', '/dev', "$root/dev", 0, $MS_BIND | $MS_REC, 0);
    sys('mount', 'shm', "$root/dev/shm", 'tmpfs', $MS_NOSUID | $MS_NODEV, 'mode=1777');
    sys('mount', 'run', "$root/run", 'tmpfs', $MS_NOSUID | $MS_NODEV, 'mode=0755,size=16m');
    mkdir "$root/run/sshd", 0755;
    sys('sethostname', $NAME, length $NAME);
    # bin/node plugs the node's card into the cluster bridge once the pid file is there, then says so.
    # (a byte through a pipe wakes the serving loop's select, however early the signal comes).
    pipe($CARD_R, $CARD_W) or die "node-boot: pipe: $!\n";
    $SIG{USR1} = sub { syswrite($CARD_W, 'x') };
    $SIG{USR2} = sub { syswrite($CARD_W, 'r') };
    $SIG{PWR} = sub { syswrite($CARD_W, 'd') };
    $SIG{HUP} = sub { syswrite($CARD_W, 'u') };
    spew("$D/init.pid.new", "$pid\n");
    rename("$D/init.pid.new", "$D/init.pid");    # whole or absent for its readers
    chdir $root or die "node-boot: chdir $root: $!\n";
    sys('pivot_root', '.', '.');
    sys('umount2', '.', 2);    # MNT_DETACH: the host's tree is gone from this node
    chdir '/';
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>>', '/var/log/herd-node.log');
    open(STDERR, '>&', \*STDOUT);
    link_up('lo');
    if (-e '/root/.herd-lab-firstboot') {
        system("/bin/bash /root/.herd-lab-firstboot > /root/herd-lab-install.log 2>&1");
        unlink '/root/.herd-lab-firstboot';
    }
    socket(my $ssh22, PF_INET, SOCK_STREAM, 0) or die "node-boot: socket: $!\n";
    setsockopt($ssh22, SOL_SOCKET, SO_REUSEADDR, 1);
    bind($ssh22, pack_sockaddr_in(22, INADDR_ANY)) or die "node-boot: bind port 22: $!\n";
    listen($ssh22, 1024);
    start_services();
    $SIG{CHLD} = sub { 1 while waitpid(-1, $WNOHANG) > 0 };
    serve($ssh, $ssh22);
}

sub serve {
    my @listeners = @_;
    my $serving = 1;
    while (1) {
        my $rin = '';
        vec($rin, fileno($_), 1) = 1 for ($serving ? @listeners : ()), $CARD_R;
        next if select(my $rout = $rin, undef, undef, undef) <= 0;
        if (vec($rout, fileno($CARD_R), 1)) {
            sysread($CARD_R, my $bytes, 64);
            configure_eth0() if $bytes =~ /x/;
            # The last order wins: the lab sends one after each change of the node's faults.
            if ($bytes =~ /([rdu])[^rdu]*$/) {
                my $order = $1;
                $serving = $order eq 'u';
                # A shut down listener refuses; listen() again makes it listen (same address).
                shutdown($_, 0) for $order eq 'r' ? @listeners : ();
                listen($_, $order eq 'd' ? 0 : 1024) for $order eq 'r' ? () : @listeners;
            }
        }
        next unless $serving;
        for my $l (@listeners) {
            next unless vec($rout, fileno($l), 1);
            accept(my $c, $l) or next;
            my $child = fork();
            if (defined $child && $child == 0) {
                $SIG{CHLD} = 'DEFAULT';
                syscall($SYS{setsid});
                close $_ for @listeners, $CARD_R, $CARD_W;
                open(STDIN, '<&', $c);
                open(STDOUT, '>&', $c);
                open(STDERR, '>', '/dev/null');
                exec '/usr/sbin/sshd', '-i', '-f', '/etc/ssh/sshd_config', '-E', '/var/log/sshd.log';
                exit 127;
            }
            close $c;
        }
    }
}

# The first boot of an empty disk: what an installer leaves on it.
sub install {
    my ($u) = @_;
    for my $dir (qw(etc etc/ssh usr usr/bin var etc/herd-lab etc/herd-lab/enabled etc/herd-lab/units)) {
        mkdir "$u/$dir", 0755;
    }
    for my $dir (qw(root home tmp var/tmp)) {
        mkdir "$u/$dir", ($dir =~ /tmp/ ? 01777 : ($dir eq 'root' ? 0700 : 0755));
        chmod(($dir =~ /tmp/ ? 01777 : ($dir eq 'root' ? 0700 : 0755)), "$u/$dir");
        # Opaque: the host's files there are not the node's.
        sys('setxattr', "$u/$dir", 'trusted.overlay.opaque', 'y', 1, 0);
    }
    mkdir "$u/root/.ssh", 0700;
    spew("$u/root/.ssh/authorized_keys", scalar slurp("$LAB/home/.ssh/authorized_keys"), 0600);
    spew("$u/root/.profile", scalar slurp("$LAB/home/.profile"));
    spew("$u/etc/hostname", "$NAME\n");
    spew("$u/etc/hosts", scalar slurp("$LAB/hosts"));
    # A deployment's installer wrote the new system's own (bin/node-boot leaves it as it is).
    spew("$u/etc/ssh/sshd_config", scalar slurp("$LAB/sshd_config")) unless -e "$u/etc/ssh/sshd_config";
    spew("$u/etc/ssh/ssh_host_ed25519_key", scalar slurp("$D/host_key"), 0600);
    spew("$u/etc/ssh/ssh_host_ed25519_key.pub", scalar slurp("$D/host_key.pub"), 0644);
    # A deployment's installer: its script runs inside the node once, after the mounts.
    if (-e "$D/install/firstboot") {
        spew("$u/root/.herd-lab-firstboot", scalar slurp("$D/install/firstboot"), 0700);
        unlink "$D/install/firstboot";
    }
    # The node's services: the lab's systemctl (over the host's, which needs a systemd) and units.
    spew("$u/usr/bin/systemctl", scalar slurp("$LAB/bin/systemctl"), 0755);
    for my $unit (glob("$LAB/units/*")) {
        spew("$u/etc/herd-lab/units/" . ($unit =~ s{.*/}{}r), scalar slurp($unit), 0644);
    }
    spew("$D/disk/installed", time() . "\n");
}

# The enabled units, then the mark `systemctl is-system-running` waits for.
sub start_services {
    for my $unit (map { s{.*/}{}r } glob('/etc/herd-lab/enabled/*')) {
        system('/usr/bin/systemctl', 'start', $unit);
    }
    mkdir '/run/herd-lab', 0755;
    spew('/run/herd-lab/booted', time() . "\n");
}

# The cluster network's card, once bin/node has plugged it (a veth from the bridge): its address.
sub configure_eth0 {
    return if fork();
    $SIG{CHLD} = 'DEFAULT';
    system('ip', 'link', 'set', 'eth0', 'up');
    system('ip', 'addr', 'add', "$conf{ip}/16", 'dev', 'eth0');
    exit 0;
}

sub link_up {
    my ($if) = @_;
    socket(my $s, PF_INET, SOCK_STREAM, 0) or return;
    my $ifr = pack('a16 s x22', $if, 0);
    ioctl($s, 0x8913, $ifr) or return;    # SIOCGIFFLAGS
    my (undef, $flags) = unpack('a16 s', $ifr);
    ioctl($s, 0x8914, pack('a16 s x22', $if, $flags | 1));    # SIOCSIFFLAGS, IFF_UP
}

sub sys {
    my ($call, @args) = @_;
    syscall($SYS{$call}, @args) == 0 or die "node-boot: $NAME: $call: $!\n";
}

sub slurp {
    my ($file) = @_;
    open(my $f, '<', $file) or die "node-boot: $NAME: $file: $!\n";
    local $/ unless wantarray;
    return <$f>;
}

sub spew {
    my ($file, $text, $mode) = @_;
    open(my $f, '>', $file) or die "node-boot: $NAME: $file: $!\n";
    print $f $text;
    close $f;
    chmod($mode, $file) if defined $mode;
}
