package herd.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Plants and clears the lab's faults. Each fault is recorded in {@code DIR/faults/TARGET/KIND}
 * (when, until when, the node's boot it was planted on), so that {@code clear} and {@code status}
 * work from another process; a node that rebooted since (a power cycle cures a hung node, as on
 * real hardware) no longer has the faults of its previous boot.
 */
final class LabFaults {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LabDir dir;
    private final LabLayout layout;

    LabFaults(LabDir dir, LabLayout layout) {
        this.dir = dir;
        this.layout = layout;
    }

    /** Plants {@code kind} on each target (node names, or {@link Fault#LAB}); {@code until} empty: until cleared. */
    void plant(List<String> targets, FaultKind kind, Optional<Duration> until) {
        for (String t : targets) {
            check(t, kind);
        }
        for (String t : targets) {
            plantOne(t, kind);
            Properties p = new Properties();
            Instant now = Instant.now();
            p.setProperty("since", now.toString());
            until.ifPresent(d -> p.setProperty("until", now.plus(d).toString()));
            if (ofTheBoot(kind)) {
                p.setProperty("init", Long.toString(initPid(t)));
            }
            save(file(t, kind), p);
            if (kind == FaultKind.SSHD_DOWN || kind == FaultKind.NIC_DOWN) {
                applySsh(t, null);
            }
            until.ifPresent(d -> startTimer(t, kind, d));
        }
    }

    /** Clears every active fault whose target is in {@code targets} (empty: all), of {@code kind} if given. */
    List<Fault> clear(List<String> targets, Optional<FaultKind> kind) {
        List<Fault> cleared = new ArrayList<>();
        for (Fault f : active()) {
            if ((targets.isEmpty() || targets.contains(f.target())) && kind.map(f.kind()::equals).orElse(true)) {
                clearOne(f.target(), f.kind());
                cleared.add(f);
            }
        }
        return cleared;
    }

    /** The faults in force, by target and kind; forgets those of a node's previous boot. */
    List<Fault> active() {
        List<Fault> faults = new ArrayList<>();
        Path root = dir.root().resolve("faults");
        if (!Files.isDirectory(root)) {
            return faults;
        }
        try (DirectoryStream<Path> targets = Files.newDirectoryStream(root)) {
            for (Path t : targets) {
                for (FaultKind k : FaultKind.values()) {
                    Path f = t.resolve(k.word());
                    if (!Files.isRegularFile(f)) {
                        continue;
                    }
                    Properties p = load(f);
                    String target = t.getFileName().toString();
                    if (p.containsKey("init") && Long.parseLong(p.getProperty("init")) != initPidOrZero(target)) {
                        forget(target, k);
                        continue;
                    }
                    faults.add(new Fault(target, k, Instant.parse(p.getProperty("since")),
                            Optional.ofNullable(p.getProperty("until")).map(Instant::parse)));
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot read " + root + ": " + e.getMessage(), e);
        }
        faults.sort(Comparator.comparing(Fault::target).thenComparing(Fault::kind));
        return faults;
    }

    private boolean has(String target, FaultKind kind) {
        return active().stream().anyMatch(f -> f.target().equals(target) && f.kind() == kind);
    }

    private void check(String target, FaultKind kind) {
        LabSpec spec = layout.spec();
        if (!kind.perNode()) {
            if (!target.equals(Fault.LAB)) {
                throw new LabException("lab: fault " + kind + " is a service's, planted without a node ('herd lab fault " + kind + "')");
            }
            if (kind == FaultKind.DHCPD_DOWN && !spec.dhcp()) {
                throw new LabException("lab: this lab has no dhcpd to stop (started with --no-dhcp)");
            }
            if (kind == FaultKind.NAMED_DOWN && !spec.dns()) {
                throw new LabException("lab: this lab has no named to stop (started with --no-dns)");
            }
            if (kind == FaultKind.HTTP_DOWN && !spec.pxe()) {
                throw new LabException("lab: this lab has no web server to stop (it needs BMCs and DHCP)");
            }
        } else {
            if (target.equals(Fault.LAB)) {
                throw new LabException("lab: fault " + kind + " needs the nodes to plant it on ('herd lab fault NODESET " + kind + "')");
            }
            layout.node(target);
            boolean ofTheNode = ofTheBoot(kind) || kind == FaultKind.HOSTKEY_CHANGE;
            if (ofTheBoot(kind) && initPidOrZero(target) == 0) {
                throw new LabException("lab: node " + target + " is off; fault " + kind + " needs it running");
            }
            if (!ofTheNode && !spec.bmc()) {
                throw new LabException("lab: this lab has no BMCs (started with --no-bmc)");
            }
            if (ofTheBoot(kind) && kind != FaultKind.HANG && has(target, FaultKind.HANG)) {
                throw new LabException("lab: node " + target + " hangs; clear its hang before planting " + kind);
            }
        }
        if (has(target, kind)) {
            throw new LabException("lab: " + (target.equals(Fault.LAB) ? "the lab" : "node " + target) + " already has fault " + kind);
        }
    }

    private void plantOne(String t, FaultKind kind) {
        switch (kind) {
            case SSHD_DOWN -> { }
            case HANG -> signalNode(t, "STOP");
            case NIC_DOWN -> card(t, "down");
            case BMC_SILENT -> signal(List.of(bmcPid(t)), "STOP");
            case BMC_DEAD -> killBmc(t);
            case HOSTKEY_CHANGE -> newHostKey(t);
            case BMC_PASSWORD -> bmcUser(t, Secrets.generate().bmcPassword());
            case HTTP_DOWN -> killNginx();
            case DHCPD_DOWN -> Procs.check(List.of(dir.bin("dhcpd-restart").toString(), "stop"), WAIT);
            case NAMED_DOWN -> killNamed();
        }
    }

    private void clearOne(String t, FaultKind kind) {
        stopTimer(t, kind);
        // Listed until undone: whoever sees it gone from status may use the part at once.
        switch (kind) {
            case SSHD_DOWN -> applySsh(t, kind);
            case HANG -> signalNode(t, "CONT");
            case NIC_DOWN -> {
                card(t, "up");
                applySsh(t, kind);
            }
            case BMC_SILENT -> signal(List.of(bmcPid(t)), "CONT");
            case BMC_DEAD -> reviveBmc(t);
            case HOSTKEY_CHANGE -> oldHostKey(t);
            case BMC_PASSWORD -> bmcUser(t, Secrets.read(dir).bmcPassword());
            case HTTP_DOWN -> herd.lab.pxe.PxeLab.startHttp(dir.root(), new DhcpService(dir, layout.slot(), LabState.load(dir)).serverNamespace());
            case DHCPD_DOWN -> Procs.check(List.of(dir.bin("dhcpd-restart").toString(), "start"), WAIT);
            case NAMED_DOWN -> DnsService.start(dir, layout, LabState.load(dir).holderPid());
        }
        forget(t, kind);
    }

    /**
     * Tells the node's init how to serve SSH, from its faults (but {@code clearing}, being undone): nic-down drops new connections (a
     * one-place accept queue, filled here), sshd-down refuses them, else it serves; then waits
     * until the listener on the node's SSH address shows it (ss: a listener's Send-Q is its backlog).
     */
    private void applySsh(String t, FaultKind clearing) {
        boolean drop = clearing != FaultKind.NIC_DOWN && has(t, FaultKind.NIC_DOWN);
        boolean refuse = !drop && clearing != FaultKind.SSHD_DOWN && has(t, FaultKind.SSHD_DOWN);
        signal(List.of(initPid(t)), drop ? "PWR" : refuse ? "USR2" : "HUP");
        LabNode n = layout.node(t);
        String want = drop ? "0" : refuse ? "" : "1024";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!backlog(n).equals(want)) {
            if (System.nanoTime() > deadline) {
                throw new LabException("lab: node " + t + "'s SSH listener did not change (backlog '" + backlog(n) + "', wanted '" + want + "')");
            }
            Procs.sleep(Duration.ofMillis(20));
        }
        if (drop) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(n.sshHost(), n.sshPort()), 2000);
            } catch (IOException e) {
                throw new LabException("lab: cannot fill node " + t + "'s SSH queue: " + e.getMessage(), e);
            }
        }
    }

    /** Send-Q of the listener on the node's SSH address (its backlog), "" when none listens. */
    private static String backlog(LabNode n) {
        String out = Procs.check(List.of("ss", "-Hltn", "src", n.sshHost() + ":" + n.sshPort()), WAIT).strip();
        return out.isEmpty() ? "" : out.split("\\s+")[2];
    }

    /** The node's cluster card (eth0 in its network), down or up; a node without one has none to change. */
    private void card(String t, String state) {
        long init = initPid(t);
        if (Procs.run(List.of("nsenter", "-t", Long.toString(init), "-n", "ip", "link", "show", "eth0"), WAIT).ok()) {
            Procs.check(List.of("nsenter", "-t", Long.toString(init), "-n", "ip", "link", "set", "eth0", state), WAIT);
        }
    }

    /** Signals every process of the node (its PID namespace), twice: a process forked meanwhile is caught too. */
    private void signalNode(String t, String sig) {
        String ns = Procs.namespace(initPid(t), "pid")
                .orElseThrow(() -> new LabException("lab: node " + t + " went off"));
        for (int i = 0; i < 2; i++) {
            signal(Procs.inNamespace("pid", ns), sig);
        }
    }

    private static void signal(List<Long> pids, String sig) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
        pids.forEach(p -> cmd.add(Long.toString(p)));
        Procs.run(cmd, WAIT);
    }

    /** Kills the node's ipmi_sim after telling the lab agent (file bmc/dead) not to restart it. */
    private void killBmc(String t) {
        long pid = bmcPid(t);
        LabDir.write(deadMark(t), Instant.now() + "\n", false);
        Procs.killAll(List.of(pid), WAIT);
    }

    /** Removes the agent's bmc/dead mark; returns once a new ipmi_sim runs and its port is bound. */
    private void reviveBmc(String t) {
        long old = Procs.readPid(bmcPidFile(t)).orElse(0L);
        delete(deadMark(t));
        awaitBmc(t, old);
    }

    /** Returns once a BMC other than {@code old} runs for the node and its UDP port is bound. */
    private void awaitBmc(String t, long old) {
        LabNode n = layout.node(t);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<Long> now = Procs.readPid(bmcPidFile(t));
            if (now.isPresent() && now.get() != old && Procs.alive(now.get())
                    && BmcSupervisor.boundUdpPorts().contains(n.bmcPort())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("lab: the BMC of " + t + " did not come back (is the lab agent running? see "
                        + dir.log("agent.log") + ")");
            }
            Procs.sleep(Duration.ofMillis(50));
        }
    }

    /**
     * Keeps the node's host key (private and public) in {@code faults/NAME/hostkey-change.saved*}
     * and writes a new one in its place on the node's disk; the next connection's {@code sshd -i} offers it.
     */
    private void newHostKey(String t) {
        Path key = systemRoot(t).resolve("etc/ssh/ssh_host_ed25519_key");
        Path saved = savedHostKey(t);
        Path fresh = saved.resolveSibling("hostkey-change.new");
        try {
            Files.createDirectories(saved.getParent());
            Files.copy(key, saved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pub(key), pub(saved), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(pub(fresh));
            Procs.check(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + t, "-f", fresh.toString()), WAIT);
            Files.copy(fresh, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pub(fresh), pub(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(fresh);
            Files.delete(pub(fresh));
        } catch (IOException e) {
            throw new LabException("lab: cannot change the host key of " + t + ": " + e.getMessage(), e);
        }
    }

    private void oldHostKey(String t) {
        Path key = systemRoot(t).resolve("etc/ssh/ssh_host_ed25519_key");
        Path saved = savedHostKey(t);
        try {
            Files.copy(saved, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(pub(saved), pub(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(saved);
            Files.delete(pub(saved));
        } catch (IOException e) {
            throw new LabException("lab: cannot put back the host key of " + t + ": " + e.getMessage(), e);
        }
    }

    private Path savedHostKey(String t) {
        return dir.root().resolve("faults").resolve(t).resolve("hostkey-change.saved");
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    /** The node's {@code /} as this machine sees it; its disk's upper layer while it is off. */
    private Path systemRoot(String t) {
        long init = initPidOrZero(t);
        return init == 0 ? dir.node(t).resolve("disk/upper") : Path.of("/proc", Long.toString(init), "root");
    }

    /**
     * Gives user admin of the node's BMC {@code password}: its lan.conf rewritten, its ipmi_sim
     * killed, and this returns once the supervisor's new one is bound. The password in force is
     * kept (0600) in {@code faults/NAME/bmc-password.secret} while the fault lasts.
     */
    private void bmcUser(String t, String password) {
        Path lan = dir.node(t).resolve("bmc/lan.conf");
        String conf = LabDir.read(lan).replaceAll("(?m)^user 2 true \"admin\" \"[^\"]*\"", "user 2 true \"admin\" \"" + password + "\"");
        LabDir.write(lan, conf, true);
        boolean lab = password.equals(Secrets.read(dir).bmcPassword());
        if (lab) {
            delete(bmcSecret(t));
        } else {
            LabDir.write(bmcSecret(t), password + "\n", true);
        }
        long old = bmcPid(t);
        Procs.killAll(List.of(old), WAIT);
        awaitBmc(t, old);
    }

    /** The admin password of the node's BMC: the lab's, or the one fault bmc-password gave it. */
    String bmcPassword(String t) {
        return Files.exists(bmcSecret(t)) ? LabDir.read(bmcSecret(t)).strip() : Secrets.read(dir).bmcPassword();
    }

    private Path bmcSecret(String t) {
        return dir.root().resolve("faults").resolve(t).resolve("bmc-password.secret");
    }

    private void killNginx() {
        Path pid = dir.root().resolve("pxe/nginx/nginx.pid");
        long nginx = Procs.readPid(pid).filter(Procs::alive)
                .orElseThrow(() -> new LabException("lab: the web server is not running (no " + pid + ")"));
        Procs.killAll(List.of(nginx), WAIT);
        delete(pid);
    }

    private void killNamed() {
        long pid = Procs.readPid(dir.dns("named.pid"))
                .orElseThrow(() -> new LabException("lab: named is not running (no " + dir.dns("named.pid") + ")"));
        Procs.killAll(List.of(pid), WAIT);
        delete(dir.dns("named.pid"));
    }

    /**
     * {@code --for}: one process (perl sleeps, then becomes {@code herd lab fault clear}), its pid
     * in {@code KIND.timer.pid}, so a clear before it stops it and {@code lab down} kills it.
     */
    private void startTimer(String t, FaultKind kind, Duration d) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "perl", "-e", "select(undef, undef, undef, shift); exec @ARGV or die",
                String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0)));
        cmd.addAll(AgentProcess.javaCommand());
        cmd.addAll(List.of(LabMain.class.getName(), "fault", "clear", t, kind.word(), "--dir", dir.root().toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log("faults.log").toFile())).start();
            LabDir.write(timerPid(t, kind), p.pid() + "\n", false);
        } catch (IOException e) {
            throw new LabException("lab: cannot start the timer of fault " + kind + ": " + e.getMessage(), e);
        }
    }

    private void stopTimer(String t, FaultKind kind) {
        Procs.readPid(timerPid(t, kind)).filter(p -> p != ProcessHandle.current().pid()).filter(Procs::alive)
                .ifPresent(p -> Procs.killAll(List.of(p), WAIT));
        delete(timerPid(t, kind));
    }

    private void forget(String t, FaultKind kind) {
        delete(file(t, kind));
    }

    /** Faults of the node's running system, which its next boot does not have (the BMC's outlive it). */
    private static boolean ofTheBoot(FaultKind kind) {
        return kind == FaultKind.SSHD_DOWN || kind == FaultKind.HANG || kind == FaultKind.NIC_DOWN;
    }

    private long initPid(String t) {
        long pid = initPidOrZero(t);
        if (pid == 0) {
            throw new LabException("lab: node " + t + " is off");
        }
        return pid;
    }

    private long initPidOrZero(String t) {
        return Procs.readPid(dir.node(t).resolve("init.pid")).filter(Procs::alive).orElse(0L);
    }

    private long bmcPid(String t) {
        return Procs.readPid(bmcPidFile(t)).filter(Procs::alive)
                .orElseThrow(() -> new LabException("lab: the BMC of " + t + " is not running"));
    }

    private Path bmcPidFile(String t) {
        return dir.node(t).resolve("bmc/ipmi_sim.pid");
    }

    private Path deadMark(String t) {
        return BmcSupervisor.deadMark(dir, t);
    }

    private Path file(String t, FaultKind kind) {
        return dir.root().resolve("faults").resolve(t).resolve(kind.word());
    }

    private Path timerPid(String t, FaultKind kind) {
        return dir.root().resolve("faults").resolve(t).resolve(kind.word() + ".timer.pid");
    }

    private static void save(Path f, Properties p) {
        try {
            Files.createDirectories(f.getParent());
            try (Writer w = Files.newBufferedWriter(f)) {
                p.store(w, "herd lab fault");
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static Properties load(Path f) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        } catch (IOException e) {
            throw new LabException("lab: cannot read " + f + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new LabException("lab: cannot remove " + f + ": " + e.getMessage(), e);
        }
    }
}
