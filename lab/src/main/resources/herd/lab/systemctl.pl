#!/usr/bin/perl
# herd lab: the systemctl of a lab node, which runs no systemd (docs/lab.md, "Services").
# Usage: systemctl start|stop|restart|try-restart|reload-or-restart|enable [--now]|disable [--now]|
#                  is-active|is-enabled|is-failed|status|cat UNIT...
#        systemctl is-system-running [--wait] | list-units | daemon-reload
#
# Installed by the node's first boot as /usr/bin/systemctl (the node's own; the host's is
# untouched). Units are systemd unit files (the [Service] keys Type=simple|forking|oneshot,
# ExecStartPre, ExecStart, ExecStop, PIDFile, Environment, EnvironmentFile, and [Install] Alias)
# in /etc/herd-lab/units only: /etc/systemd/system and /lib/systemd/system are the host's, whose
# units assume a systemd and may reach the host (Debian's chrony.service steers the clock). The
# daemon runs for real inside the node, in a session of its own, output in /var/log/herd-lab/UNIT.log.
# State lives in /run/herd-lab (the node's /run is new at each boot): UNIT.pid while it runs,
# UNIT.failed after a failed start or a death nobody asked for. Enabled units are
# /etc/herd-lab/enabled/UNIT, which the node's init starts at boot, then writes /run/herd-lab/booted.
# Exit codes are systemctl's: 0, 1 failure, 3 inactive, 5 no such unit.
use strict;
use warnings;
use POSIX qw(setsid WNOHANG);

my @DIRS = ('/etc/herd-lab/units');
my $ENABLED = '/etc/herd-lab/enabled';
my $RUN = '/run/herd-lab';
my $LOG = '/var/log/herd-lab';

my @args = grep { !/^-/ } @ARGV;
my %opt = map { $_ => 1 } grep { /^-/ } @ARGV;
my $verb = shift(@args) // 'list-units';
mkdir $_, 0755 for $RUN, $LOG, '/etc/herd-lab', $ENABLED;

my %verbs = (
    'start' => \&start, 'stop' => \&stop, 'restart' => \&restart, 'reload-or-restart' => \&restart,
    'try-restart' => sub { active($_[0]) ? restart($_[0]) : 0 },
    'enable' => \&enable, 'disable' => \&disable,
    'is-active' => \&is_active, 'is-enabled' => \&is_enabled, 'is-failed' => \&is_failed,
    'status' => \&status, 'cat' => \&cat,
);
if ($verb eq 'is-system-running') {
    exit system_running();
} elsif ($verb eq 'list-units') {
    exit list_units();
} elsif ($verb eq 'daemon-reload') {
    exit 0;    # unit files are read at every call
} elsif (!$verbs{$verb}) {
    print STDERR "Unknown command verb $verb.\n";
    exit 1;
}
if (!@args) {
    print STDERR "Too few arguments.\n";
    exit 1;
}
my $rc = 0;
for my $name (@args) {
    my $unit = unit($name);
    if (!$unit) {
        my $n = canonical($name);
        if ($verb =~ /^is-/) {
            print $verb eq 'is-enabled' ? "not-found\n" : "inactive\n";
            $rc = $verb eq 'is-enabled' ? 1 : 3 if !$rc;
        } elsif ($verb eq 'status') {
            print STDERR "Unit $n could not be found.\n";
            $rc = 4;
        } else {
            print STDERR "Failed to $verb $n: Unit $n not found.\n";
            $rc = 5;
        }
        next;
    }
    my $r = $verbs{$verb}->($unit);
    $rc = $r if $r && !$rc;
}
exit $rc;

sub canonical {
    my ($name) = @_;
    return $name =~ /\.(service|target|socket|timer)$/ ? $name : "$name.service";
}

# A unit by its name or one of its aliases: {name, file, description, type, exec...}.
sub unit {
    my $want = canonical($_[0]);
    for my $dir (@DIRS) {
        for my $file (sort glob("$dir/*.service")) {
            my $u = parse($file);
            return $u if $u->{name} eq $want || grep { $_ eq $want } @{$u->{alias}};
        }
    }
    return undef;
}

sub parse {
    my ($file) = @_;
    my %u = (file => $file, name => $file =~ s{.*/}{}r, type => 'simple', alias => [], pre => [], env => {});
    open(my $f, '<', $file) or return \%u;
    while (my $line = <$f>) {
        chomp $line;
        next if $line =~ /^\s*([#;]|$)/;
        my ($k, $v) = $line =~ /^\s*(\w+)\s*=\s*(.*?)\s*$/ or next;
        if ($k eq 'Description') { $u{description} = $v }
        elsif ($k eq 'Type') { $u{type} = $v }
        elsif ($k eq 'ExecStart') { $u{start} = $v }
        elsif ($k eq 'ExecStartPre') { push @{$u{pre}}, $v }
        elsif ($k eq 'ExecStop') { $u{stop} = $v }
        elsif ($k eq 'PIDFile') { $u{pidfile} = $v }
        elsif ($k eq 'Alias') { push @{$u{alias}}, map { canonical($_) } split ' ', $v }
        elsif ($k eq 'Environment') { $u{env}{$1} = $2 while $v =~ /"?(\w+)=([^"\s]*)"?/g }
        elsif ($k eq 'EnvironmentFile') { environment_file(\%u, $v) }
    }
    return \%u;
}

sub environment_file {
    my ($u, $path) = @_;
    my $optional = $path =~ s/^-//;
    open(my $f, '<', $path) or do { $u->{bad} = "EnvironmentFile $path: $!" unless $optional; return };
    while (<$f>) {
        $u->{env}{$1} = $2 // $3 if /^\s*(\w+)=(?:"([^"]*)"|(\S*))/;
    }
}

# A command line of a unit, $VAR and ${VAR} from its environment, split on blanks ("..." kept whole).
sub words {
    my ($u, $line) = @_;
    my $ignore = $line =~ s/^-//;
    $line =~ s{\$\{(\w+)\}|\$(\w+)}{$u->{env}{$1 // $2} // ''}ge;
    my @w;
    push @w, defined $1 ? $1 : $2 while $line =~ /"([^"]*)"|(\S+)/g;
    return ($ignore, @w);
}

sub state_pid {
    my ($u) = @_;
    my $pid = slurp("$RUN/$u->{name}.pid");
    return $pid =~ /^(\d+)/ ? $1 : undef;
}

sub alive {
    my ($pid) = @_;
    return 0 unless $pid && kill(0, $pid);
    my $stat = slurp("/proc/$pid/stat");
    return $stat !~ /^\d+ \(.*\) [ZX] /s;    # a zombie is dead, whoever reaps it
}

sub active {
    my ($u) = @_;
    return alive(state_pid($u)) || ($u->{type} eq 'oneshot' && -e "$RUN/$u->{name}.done");
}

sub state {
    my ($u) = @_;
    return 'active' if active($u);
    return 'failed' if -e "$RUN/$u->{name}.failed" || defined state_pid($u);
    return 'inactive';
}

# A failed start: said with what the failing command wrote last, recorded for is-failed and status.
sub fail {
    my ($u, $why, $said) = @_;
    spew("$RUN/$u->{name}.failed", "$why\n");
    unlink "$RUN/$u->{name}.pid";
    log_line($u, $why);
    print STDERR "Job for $u->{name} failed: $why\n", defined $said && $said ne '' ? "$said\n" : '',
        "See \"systemctl status $u->{name}\" and $LOG/$u->{name}.log for details.\n";
    return 1;
}

# The last line the unit's log got since offset $from.
sub said_since {
    my ($u, $from) = @_;
    my $log = slurp("$LOG/$u->{name}.log");
    my @new = split /\n/, substr($log, $from < length $log ? $from : length $log);
    return @new ? $new[-1] : '';
}

sub start {
    my ($u) = @_;
    return 0 if active($u);
    unlink "$RUN/$u->{name}.failed", "$RUN/$u->{name}.done", "$RUN/$u->{name}.pid";
    return fail($u, $u->{bad}) if $u->{bad};
    return fail($u, "no ExecStart") unless $u->{start};
    log_line($u, "Starting " . ($u->{description} // $u->{name}));
    for my $pre (@{$u->{pre}}) {
        my ($ignore, @cmd) = words($u, $pre);
        my $from = -s "$LOG/$u->{name}.log" // 0;
        my $r = run_logged($u, @cmd);
        return fail($u, "ExecStartPre=$pre exited with status $r", said_since($u, $from)) if $r && !$ignore;
    }
    my (undef, @cmd) = words($u, $u->{start});
    my $from = -s "$LOG/$u->{name}.log" // 0;
    if ($u->{type} eq 'forking' || $u->{type} eq 'oneshot') {
        my $r = run_logged($u, @cmd);
        return fail($u, "ExecStart=$u->{start} exited with status $r", said_since($u, $from)) if $r;
        if ($u->{type} eq 'oneshot') {
            spew("$RUN/$u->{name}.done", time() . "\n");
            return 0;
        }
        for (1 .. 50) {    # the daemon writes its pid file once it has forked
            my $pid = $u->{pidfile} ? (slurp($u->{pidfile}) =~ /(\d+)/)[0] : undef;
            if ($pid && alive($pid)) {
                spew("$RUN/$u->{name}.pid", "$pid\n");
                return 0;
            }
            select(undef, undef, undef, 0.1);
        }
        return fail($u, $u->{pidfile} ? "no live process in PIDFile $u->{pidfile}" : "forking unit without PIDFile");
    }
    my $pid = daemon($u, @cmd);
    spew("$RUN/$u->{name}.pid", "$pid\n");
    select(undef, undef, undef, 0.3);    # one that dies at once (bad option, missing file) failed to start
    return fail($u, "$cmd[0] exited at once", said_since($u, $from)) unless alive($pid);
    return 0;
}

sub stop {
    my ($u) = @_;
    my $pid = state_pid($u);
    if ($u->{stop} && alive($pid)) {
        my (undef, @cmd) = words($u, $u->{stop} =~ s/\$MAINPID/$pid/gr);
        run_logged($u, @cmd);
    }
    if (alive($pid)) {
        kill 'TERM', $pid;
        for (1 .. 100) {
            last unless alive($pid);
            select(undef, undef, undef, 0.1);
        }
        kill 'KILL', $pid if alive($pid);
        log_line($u, "Stopped " . ($u->{description} // $u->{name}));
    }
    unlink "$RUN/$u->{name}.pid", "$RUN/$u->{name}.failed", "$RUN/$u->{name}.done";
    return 0;
}

sub restart {
    my ($u) = @_;
    stop($u);
    return start($u);
}

sub enable {
    my ($u) = @_;
    if (!-e "$ENABLED/$u->{name}") {
        symlink($u->{file}, "$ENABLED/$u->{name}") or die "systemctl: $ENABLED/$u->{name}: $!\n";
        print STDERR "Created symlink $ENABLED/$u->{name} -> $u->{file}.\n";
    }
    return $opt{'--now'} ? start($u) : 0;
}

sub disable {
    my ($u) = @_;
    print STDERR "Removed $ENABLED/$u->{name}.\n" if unlink "$ENABLED/$u->{name}";
    return $opt{'--now'} ? stop($u) : 0;
}

sub is_active {
    my ($u) = @_;
    my $s = state($u);
    print "$s\n" unless $opt{'--quiet'} || $opt{'-q'};
    return $s eq 'active' ? 0 : 3;
}

sub is_failed {
    my ($u) = @_;
    my $s = state($u);
    print "$s\n" unless $opt{'--quiet'} || $opt{'-q'};
    return $s eq 'failed' ? 0 : 1;
}

sub is_enabled {
    my ($u) = @_;
    my $on = -e "$ENABLED/$u->{name}";
    print $on ? "enabled\n" : "disabled\n";
    return $on ? 0 : 1;
}

sub status {
    my ($u) = @_;
    my $s = state($u);
    my $pid = state_pid($u);
    printf "%s %s - %s\n", ($s eq 'active' ? '*' : 'o'), $u->{name}, $u->{description} // $u->{name};
    printf "     Loaded: loaded (%s; %s)\n", $u->{file}, -e "$ENABLED/$u->{name}" ? 'enabled' : 'disabled';
    printf "     Active: %s%s\n", $s, $s eq 'active' && $pid ? "\n   Main PID: $pid" : '';
    my @log = split /\n/, slurp("$LOG/$u->{name}.log");
    print "\n", map { "$_\n" } @log[($#log > 9 ? $#log - 9 : 0) .. $#log] if @log;
    return $s eq 'active' ? 0 : 3;
}

sub cat {
    my ($u) = @_;
    print "# $u->{file}\n", slurp($u->{file});
    return 0;
}

# "running" once the boot has started the enabled units and every one of them runs; else
# "starting" (the boot is not done) or "degraded". --wait waits out "starting".
sub system_running {
    my $wait = $opt{'--wait'};
    while ($wait && !-e "$RUN/booted") {
        select(undef, undef, undef, 0.2);
    }
    my $s = !-e "$RUN/booted" ? 'starting' : 'running';
    if ($s eq 'running') {
        for my $name (map { s{.*/}{}r } glob("$ENABLED/*")) {
            my $u = unit($name);
            $s = 'degraded' unless $u && active($u);
        }
    }
    print "$s\n" unless $opt{'--quiet'} || $opt{'-q'};
    return $s eq 'running' ? 0 : 1;
}

sub list_units {
    my %seen;
    printf "%-28s %-8s %s\n", 'UNIT', 'ACTIVE', 'DESCRIPTION';
    for my $dir (@DIRS) {
        for my $file (sort glob("$dir/*.service")) {
            my $u = parse($file);
            next if $seen{$u->{name}}++;
            printf "%-28s %-8s %s\n", $u->{name}, state($u), $u->{description} // '';
        }
    }
    return 0;
}

# A daemon of its own: a new session, stdin /dev/null, output to the unit's log.
sub daemon {
    my ($u, @cmd) = @_;
    my $pid = fork() // die "systemctl: fork: $!\n";
    return $pid if $pid;
    setsid();
    $ENV{$_} = $u->{env}{$_} for keys %{$u->{env}};
    open(STDIN, '<', '/dev/null');
    open(STDOUT, '>>', "$LOG/$u->{name}.log");
    open(STDERR, '>&', \*STDOUT);
    exec { $cmd[0] } @cmd or print STDERR "systemctl: $cmd[0]: $!\n";
    POSIX::_exit(127);
}

# A command to its end, its output in the unit's log; its exit status.
sub run_logged {
    my ($u, @cmd) = @_;
    my $pid = fork() // die "systemctl: fork: $!\n";
    if (!$pid) {
        setsid();
        $ENV{$_} = $u->{env}{$_} for keys %{$u->{env}};
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>>', "$LOG/$u->{name}.log");
        open(STDERR, '>&', \*STDOUT);
        exec { $cmd[0] } @cmd or print STDERR "systemctl: $cmd[0]: $!\n";
        POSIX::_exit(127);
    }
    waitpid($pid, 0);
    return $? >> 8 || ($? & 127 ? 128 + ($? & 127) : 0);
}

sub log_line {
    my ($u, $text) = @_;
    open(my $f, '>>', "$LOG/$u->{name}.log") or return;
    my @t = gmtime;
    printf $f "%04d-%02d-%02dT%02d:%02d:%02dZ systemctl: %s\n", $t[5] + 1900, $t[4] + 1, @t[3, 2, 1, 0], $text;
}

sub slurp {
    my ($file) = @_;
    open(my $f, '<', $file) or return '';
    local $/;
    return <$f> // '';
}

sub spew {
    my ($file, $text) = @_;
    open(my $f, '>', $file) or die "systemctl: $file: $!\n";
    print $f $text;
    close $f;
}
