package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.audit.AuditLog;
import herd.audit.AuditRecord;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.shell.HerdProcess.Result;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared session through the real launcher and its client, on a lab's sshd nodes: start,
 * calls that share outcome sets and variables, status, stop and the idle limit (no process, no
 * socket left), a stale socket, a server killed mid-call, Ctrl-C through the client, --no-wait,
 * another user refused by SO_PEERCRED, batch files, and the audit record of the calling process.
 */
@LabConfig(nodes = 3)
class SessionShellTest {
    private static final Duration STEP = Duration.ofSeconds(120);
    private static final Pattern STARTED = Pattern.compile(
            "HERD_SESSION='([^']+)'; export HERD_SESSION;\necho herd session (\\d+);\n");

    Lab lab;
    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<Long> servers = new ArrayList<>();

    @BeforeEach
    void runtimeDir() throws Exception {
        Path run = Files.createDirectories(home.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        env.put("XDG_RUNTIME_DIR", run.toString());
    }

    /** Ends the servers a test left running (its own, by pid). */
    @AfterEach
    void endServers() {
        for (long pid : servers) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Result herd(String... args) throws Exception {
        return herdWithInput(null, args);
    }

    private Result herdWithInput(Path stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HerdProcess.LAUNCHER.toString()));
        command.addAll(List.of(args));
        return HerdProcess.exec(home, stdin, command, STEP, env);
    }

    /** Starts a session on the lab, sets HERD_SESSION for the calls that follow; its server's pid. */
    private long start(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("session", "start", "-s", "-i", lab.inventoryFile().toString()));
        args.addAll(List.of(options));
        Result r = herd(args.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        Matcher m = STARTED.matcher(r.out());
        assertThat(m.matches()).as(r.out()).isTrue();
        assertThat(r.status()).isZero();
        long pid = Long.parseLong(m.group(2));
        servers.add(pid);
        env.put("HERD_SESSION", m.group(1));
        assertThat(Files.readAttributes(Path.of(m.group(1)), java.nio.file.attribute.BasicFileAttributes.class).isOther()).as("a socket at " + m.group(1)).isTrue();
        assertThat(Files.getPosixFilePermissions(Path.of(m.group(1)).getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        return pid;
    }

    private Process background(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HerdProcess.LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(home.resolve("bg.out").toFile()).redirectError(home.resolve("bg.err").toFile());
        pb.environment().putAll(HerdProcess.environment(home));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A {@code sleep} process (the remote command on a lab node) whose command line holds {@code marker}. */
    private static boolean sleeping(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")
                && p.info().commandLine().orElse("").contains(marker));
    }

    @Test
    void callsShareOutcomeSetsVariablesAndConnectionsUntilStop() throws Exception {
        long pid = start();
        Result failed = herd("-c", "exec -w valkyrie[01-03] test \"$(hostname)\" != valkyrie02");
        assertThat(failed.err()).contains("exec: 1 of 3 nodes failed (see @last:failed)");
        assertThat(failed.status()).isEqualTo(1);
        Result last = herd("-c", "nodes @last:failed");
        assertThat(last.out()).isEqualTo("valkyrie02\n");
        assertThat(herd("-c", "exec -w @last:ok hostname").out()).contains("valkyrie01").contains("valkyrie03")
                .doesNotContain("valkyrie02");
        assertThat(herd("-c", "set WHO valkyrie03").status()).isZero();
        assertThat(herd("-c", "nodes $WHO").out()).isEqualTo("valkyrie03\n");

        Result status = herd("session", "status");
        assertThat(status.out()).contains("pid " + pid).contains("cluster:   \"lab\"").contains("5 calls")
                .contains("(limit 30m)").contains("running:   nothing").contains("ConnectionPool");
        assertThat(status.status()).isZero();

        Path socket = Path.of(env.get("HERD_SESSION"));
        Result stop = herd("session", "stop", "-s");
        assertThat(stop.out()).isEqualTo("unset HERD_SESSION;\necho herd session stopped;\n");
        assertThat(stop.status()).isZero();
        await("the server to exit", () -> ProcessHandle.of(pid).isEmpty());
        assertThat(socket).doesNotExist();
        assertThat(Path.of(socket + ".log")).doesNotExist();

        // herd nodeset and herd lab never go to a session, even with stdin not a terminal.
        Result nodeset = herd("nodeset", "-c", "valkyrie[01-03]");
        assertThat(nodeset.out()).isEqualTo("3\n");
        assertThat(nodeset.status()).isZero();

        Result after = herd("-c", "nodes @compute");
        assertThat(after.out()).isEmpty();
        assertThat(after.err()).startsWith("herd: no session at " + socket + " (HERD_SESSION): it has ended");
        assertThat(after.status()).isEqualTo(1);
    }

    @Test
    void aBatchThroughTheSessionStopsAtFileAndLineAsStandalone() throws Exception {
        Path script = Files.writeString(home.resolve("steps.csh"),
                "nodes @compute\nexec -w valkyrie01 false\nnodes valkyrie09\n");
        Result alone = herd("-q", "-i", lab.inventoryFile().toString(), "steps.csh");
        start();
        Result shared = herd("steps.csh");
        assertThat(shared).isEqualTo(alone);
        assertThat(shared.err()).isEqualTo("herd: steps.csh:2: exec: 1 of 1 node failed (see @last:failed)\n");
        assertThat(shared.status()).isEqualTo(1);

        Result piped = herdWithInput(script);
        assertThat(piped.err()).isEqualTo("herd: -:2: exec: 1 of 1 node failed (see @last:failed)\n");
        assertThat(piped.out()).isEqualTo(alone.out());
        Result checked = herd("-n", "steps.csh");
        assertThat(checked.status()).as(checked.err()).isZero();
        assertThat(checked.out()).isEmpty();
    }

    @Test
    void aStaleSocketIsReportedAndNothingRunsStandalone() throws Exception {
        long pid = start();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await("the server to die", () -> ProcessHandle.of(pid).isEmpty());
        Path socket = Path.of(env.get("HERD_SESSION"));
        assertThat(socket).exists();

        Result r = herd("-c", "nodes @compute");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("herd: the session at " + socket + " is not running (stale socket: its server"
                + " died); nothing was run: unset HERD_SESSION to run herd on its own, or start a new one:"
                + " eval \"$(herd session start)\"\n");
        assertThat(r.status()).isEqualTo(1);
        // A new start in that shell replaces the dead session.
        start();
        assertThat(herd("-c", "nodes @compute").out()).isEqualTo("valkyrie[01-03]\n");
    }

    @Test
    void aSecondStartWhileOneRunsIsRefused() throws Exception {
        start();
        Result again = herd("session", "start");
        assertThat(again.err()).startsWith("herd: session start: a session already runs at " + env.get("HERD_SESSION"));
        assertThat(again.out()).isEmpty();
        assertThat(again.status()).isEqualTo(1);
    }

    @Test
    void theServerKilledMidCallEndsTheCallWithStatusOne() throws Exception {
        long pid = start();
        String marker = "sleep 61" + (ProcessHandle.current().pid() % 1000);
        Process call = background("-c", "exec -w valkyrie01 " + marker);
        await("the remote sleep", () -> sleeping(marker));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThat(call.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(call.exitValue()).isEqualTo(1);
        assertThat(Files.readString(home.resolve("bg.err"))).isEqualTo("herd: the session at " + env.get("HERD_SESSION")
                + " ended during the call (its server stopped or was killed); the command may have run in part\n");
    }

    @Test
    void ctrlCThroughTheClientCancelsTheRemoteCommandAndNoWaitRefuses() throws Exception {
        start();
        String marker = "sleep 62" + (ProcessHandle.current().pid() % 1000);
        Process call = background("-c", "exec -w valkyrie[01-02] " + marker);
        await("the remote sleeps", () -> sleeping(marker));

        Result busy = herd("--no-wait", "-c", "nodes @compute");
        assertThat(busy.err()).isEqualTo("herd: the session is busy with another call (pid " + call.pid() + ": -c exec -w"
                + " valkyrie[01-02] " + marker + "); without --no-wait this call waits its turn\n");
        assertThat(busy.status()).isEqualTo(1);

        new ProcessBuilder("kill", "-INT", Long.toString(call.pid())).start().waitFor();
        assertThat(call.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(call.exitValue()).as(read(home.resolve("bg.err"))).isEqualTo(130);
        assertThat(Files.readString(home.resolve("bg.err"))).contains("exec: cancelled");
        await("the remote sleeps to end", () -> !sleeping(marker));
        assertThat(herd("-c", "nodes @last:cancelled").out()).isEqualTo("valkyrie[01-02]\n");
    }

    @Test
    void theIdleLimitEndsTheSessionLeavingNoProcessAndNoSocket() throws Exception {
        long pid = start("--idle", "2s");
        Path socket = Path.of(env.get("HERD_SESSION"));
        await("the idle exit", () -> ProcessHandle.of(pid).isEmpty());
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).isEmptyDirectory();

        Result bad = herd("session", "start", "--idle", "soon");
        assertThat(bad.err()).isEqualTo("herd: bad --idle 'soon': a duration such as 90s, 30m or 2h (0: never)\n");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(socket.getParent()).isEmptyDirectory();
    }

    @Test
    void theAuditLogNamesTheCallingProcess() throws Exception {
        start();
        Path log = lab.dir().resolve("log/audit.log");
        Files.deleteIfExists(log);
        Process call = background("-c", "exec -w valkyrie01 true");
        assertThat(call.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(call.exitValue()).as(Files.readString(home.resolve("bg.err"))).isZero();
        List<AuditRecord> records = AuditLog.read(log);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).line()).isEqualTo("exec -w valkyrie01 true");
        assertThat(records.get(0).pid()).isEqualTo(call.pid());
        assertThat(records.get(0).user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void anotherUsersClientIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to act as another user");
        assumeTrue(new ProcessBuilder("id", "nobody").start().waitFor() == 0, "no user 'nobody' on this machine");
        Path classes = readableClassPath();

        // root's session, a client of user nobody: the kernel refuses it at root's 0700 directory.
        start();
        Result nobody = asNobody(classes, env.get("HERD_SESSION"));
        assertThat(nobody.err()).startsWith("herd: cannot reach the session at " + env.get("HERD_SESSION"))
                .contains("permission denied");
        assertThat(nobody.status()).isEqualTo(1);

        // nobody's session, root's client: root passes every permission, SO_PEERCRED stops it.
        Path dir = Files.createDirectories(home.resolve("nobody"));
        new ProcessBuilder("chown", "nobody", dir.toString()).start().waitFor();
        Path socket = dir.resolve("s");
        ProcessBuilder server = new ProcessBuilder("runuser", "-u", "nobody", "--", "java", "-cp", classes.toString(),
                "herd.shell.Main", "-q", "--serve", socket.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("nobody.log").toFile());
        server.environment().put("HERD_AUDIT_LOG", dir.resolve("audit.log").toString());
        server.environment().put("HOME", dir.toString());   // the example inventory: nobody cannot read the lab's
        Process p = server.start();
        servers.add(p.pid());
        await("nobody's session", () -> Files.exists(socket) || !p.isAlive());
        assertThat(p.isAlive()).as(() -> read(home.resolve("nobody.log"))).isTrue();
        env.put("HERD_SESSION", socket.toString());
        Result root = herd("-c", "nodes @compute");
        assertThat(root.err()).isEqualTo("herd: this session belongs to user nobody: user root is refused\n");
        assertThat(root.out()).isEmpty();
        assertThat(root.status()).isEqualTo(1);
        p.destroy();
    }

    private Result asNobody(Path classes, String session) throws Exception {
        return HerdProcess.exec(home, null, List.of("runuser", "-u", "nobody", "--", "env", "HERD_SESSION=" + session,
                "java", "-cp", classes.toString(), "herd.client.ClientMain", "-c", "nodes @compute"), STEP, Map.of());
    }

    /** The test class path copied where another user can read it (the build's may be under /root). */
    private Path readableClassPath() throws Exception {
        Path dir = Files.createDirectories(home.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : HerdProcess.classPath().split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(i++ + "-" + from.getFileName());
            new ProcessBuilder("cp", "-r", from.toString(), to.toString()).start().waitFor();
            entries.add(to.toString());
        }
        new ProcessBuilder("chmod", "-R", "a+rX", home.toString()).start().waitFor();
        return Path.of(String.join(File.pathSeparator, entries));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
