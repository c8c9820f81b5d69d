package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.junit.LabConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** power, bootdev and console through the real {@code ./herd}, against the lab's ipmi_sim BMCs. */
@LabConfig(nodes = 3, bmc = true)
class BmcShellTest {

    private static final Duration STEP = Duration.ofSeconds(20);

    Lab lab;
    @TempDir
    Path home;

    private HerdProcess.Result herd(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--inventory";
        all[1] = lab.inventoryFile().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return HerdProcess.run(home, null, all);
    }

    private String ipmitool(String node, String... args) throws Exception {
        LabNode n = lab.node(node);
        List<String> cmd = new java.util.ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", n.bmcHost(),
                "-p", Integer.toString(n.bmcPort()), "-U", "admin", "-E"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("IPMI_PASSWORD", lab.bmcPassword());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void powerAndBootdevInABatchFoldResultsAndPublishOutcomeSets() throws Exception {
        Path script = home.resolve("power.csh");
        Files.writeString(script, String.join("\n",
                "power off valkyrie02 --wait",
                "power status @compute",
                "nodes @power:off",
                "power on @power:off --wait",
                "bootdev pxe @compute --persistent",
                "bootdev status valkyrie[01-03]", ""));
        HerdProcess.Result r = herd(script.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(String.join("\n", "valkyrie02: off", "valkyrie[01,03]: on", "valkyrie02: off",
                "valkyrie02", "valkyrie02: on", "valkyrie[01-03]: pxe persistent", "valkyrie[01-03]: pxe", ""));
        assertThat(r.status()).isZero();
        assertThat(ipmitool("valkyrie02", "chassis", "power", "status")).isEqualTo("Chassis Power is on\n");
        assertThat(lab.bootDevice("valkyrie03")).isEqualTo("pxe");
    }

    @Test
    void failuresFoldByReasonAndManyNodesNeedYesInABatch() throws Exception {
        HerdProcess.Result r = herd("-c", "power status valkyrie[01-03],odin");
        assertThat(r.out().lines()).containsExactlyInAnyOrder("valkyrie[01-03]: on",
                "odin: not in the inventory (" + lab.inventoryFile() + ")");
        assertThat(r.err()).contains("power status: 1 of 4 nodes failed (see @last:failed)");
        assertThat(r.status()).isEqualTo(1);

        Path script = home.resolve("cycle.csh");
        Files.writeString(script, "set power_confirm 2\npower cycle @compute\n");
        HerdProcess.Result refused = herd(script.toString());
        assertThat(refused.err()).contains("cycle.csh:2:").contains("--yes");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(lab.chassisLog("valkyrie01")).noneMatch(l -> l.endsWith("power off"));
    }

    @Test
    void consoleInTmuxShowsTheBootLogAnswersAndReturnsToThePrompt() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the console cannot be driven");
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        String name = "herd-bmc-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER
                + " --inventory " + lab.inventoryFile())) {
            t.await("^herd>$", Duration.ofSeconds(60));
            t.send("console valkyrie03", "Enter");
            t.await("\\[console valkyrie03: ~\\. returns to herd", STEP);
            assertThat(ipmitool("valkyrie03", "chassis", "power", "cycle")).contains("Cycle");
            t.await("Linux version", STEP);
            t.await("valkyrie03 login:$", STEP);
            t.send("root", "Enter");
            t.await("\\]#$", STEP);
            t.send("hostname", "Enter");
            t.await("^valkyrie03$", STEP);
            t.send("C-c");
            t.send("Enter", "~.");
            t.await("^herd>$", STEP);
            t.send("power status valkyrie03", "Enter");
            t.await("^valkyrie03: on\nherd>$", STEP);
            t.send("exit", "Enter");
            assertThat(t.awaitExit(STEP)).isZero();
        }
        String log = Files.readString(home.resolve("state/herd/console/valkyrie03.log"));
        assertThat(log).contains("console attached (interactive)", "Linux version", "valkyrie03 login: root",
                "console detached");
    }

    /** A session's socket and its server's pid, and the environment its clients are run with. */
    private record Shared(String socket, long pid, Path run) {
        String env(Path home) {
            return HerdProcess.environment(home).entrySet().stream()
                    .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "))
                    + " XDG_RUNTIME_DIR='" + run + "' HERD_SESSION='" + socket + "'";
        }

        void stop(Path home) throws Exception {
            HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "session", "stop", "-s"),
                    Duration.ofSeconds(60), java.util.Map.of("XDG_RUNTIME_DIR", run.toString(), "HERD_SESSION", socket));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Shared startSession() throws Exception {
        Path run = Files.createDirectories(home.resolve("run"));
        Files.setPosixFilePermissions(run, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        HerdProcess.Result started = HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "session",
                "start", "-s", "-i", lab.inventoryFile().toString()), Duration.ofSeconds(120),
                java.util.Map.of("XDG_RUNTIME_DIR", run.toString()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HERD_SESSION='([^']+)'.*\necho herd session (\\d+);")
                .matcher(started.out());
        assertThat(m.find()).as(started.out() + started.err()).isTrue();
        return new Shared(m.group(1), Long.parseLong(m.group(2)), run);
    }

    /** In tmux: the terminal's mode saved, {@code herd -c LINE} through the session, the mode after and its status. */
    private Tmux throughSession(Shared shared, String line) throws Exception {
        String name = "herd-bmc-session-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        return Tmux.start(name, "cd '" + home + "' && stty -g > stty.before; env " + shared.env(home) + " "
                + HerdProcess.LAUNCHER + " -c '" + line + "'; s=$?; stty -g > stty.after; stty -a >> stty.after; (exit $s)");
    }

    private String sessionStatus(Shared shared) throws Exception {
        return HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "session", "status"),
                Duration.ofSeconds(60), java.util.Map.of("XDG_RUNTIME_DIR", shared.run().toString(),
                        "HERD_SESSION", shared.socket())).out();
    }

    /** The mode after the call is the one before, and a cooked one. */
    private void assertTerminalRestored() throws Exception {
        List<String> restored = Files.readAllLines(home.resolve("stty.after"));
        assertThat(restored.get(0)).isEqualTo(Files.readString(home.resolve("stty.before")).strip());
        assertThat(String.join(" ", restored)).containsPattern("[ ;]icanon ").containsPattern(" echo ")
                .containsPattern(" isig ");
    }

    /**
     * {@code herd -c 'console NODE'} through a shared session, as a person types it: the client
     * makes the caller's terminal raw (one echo, the node's; Ctrl-C goes to the node and does not
     * end the call), {@code ~.} leaves, and the terminal's mode is the same after as before.
     */
    @Test
    void consoleThroughASessionGetsTheTerminalRawAndGivesItBackSane() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the console cannot be driven");
        Shared shared = startSession();
        try (Tmux t = throughSession(shared, "console valkyrie01")) {
            t.await("\\[console valkyrie01: ~\\. returns to herd", STEP);
            assertThat(ipmitool("valkyrie01", "chassis", "power", "cycle")).contains("Cycle");
            t.await("Linux version", STEP);
            t.await("valkyrie01 login:$", STEP);
            t.send("root", "Enter");
            t.await("\\]#$", STEP);
            t.send("hostname", "Enter");
            t.await("\\]# hostname\nvalkyrie01\n.*\\]#$", STEP);
            t.send("C-c");
            t.send("uname -n", "Enter");
            t.await("\\]# uname -n\nvalkyrie01\n.*\\]#$", STEP);
            assertThat(t.exitStatus()).as("Ctrl-C went to the node as a byte, not to the client as SIGINT")
                    .isEqualTo(-1);
            assertThat(sessionStatus(shared)).contains("console valkyrie01 (terminal 160x40)");
            t.resize(100, 30);
            long deadline = System.nanoTime() + STEP.toNanos();
            while (!sessionStatus(shared).contains("(terminal 100x30)") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(sessionStatus(shared)).as("the new size, after SIGWINCH").contains("console valkyrie01 (terminal 100x30)");
            t.send("Enter", "~.");
            assertThat(t.awaitExit(STEP)).isZero();
        } finally {
            shared.stop(home);
        }
        assertTerminalRestored();
        String log = Files.readString(home.resolve("state/herd/console/valkyrie01.log"));
        assertThat(log).contains("console attached (interactive)", "valkyrie01 login: root", "console detached");
    }

    /**
     * The terminal comes back sane however the console through a session ends: the client killed
     * by a signal (SIGTERM: the session cancels the console), the session's server killed.
     */
    @Test
    void consoleThroughASessionRestoresTheTerminalOnSignalAndServerDeath() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the console cannot be driven");
        Shared shared = startSession();
        try {
            try (Tmux t = throughSession(shared, "console valkyrie02")) {
                t.await("\\[console valkyrie02: ~\\. returns to herd", STEP);
                // The pane's one JVM is the client (its command line, past the class path, is cut short here).
                ProcessHandle client = ProcessHandle.of(t.panePid()).orElseThrow().descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst().orElseThrow();
                client.destroy();
                assertThat(t.awaitExit(STEP)).isEqualTo(130);
                assertTerminalRestored();
            }
            try (Tmux t = throughSession(shared, "console valkyrie02")) {
                t.await("\\[console valkyrie02: ~\\. returns to herd", STEP);
                ProcessHandle.of(shared.pid()).orElseThrow().destroyForcibly();
                assertThat(t.awaitExit(STEP)).isEqualTo(1);
                assertThat(t.screen()).contains("ended during the call");
                assertTerminalRestored();
            }
        } finally {
            shared.stop(home);
        }
    }
}
