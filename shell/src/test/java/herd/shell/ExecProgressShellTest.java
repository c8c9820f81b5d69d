package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long exec in the real {@code ./herd} in tmux: a key press lists the nodes still running, and
 * Ctrl-C still cancels while keys are watched.
 */
@LabConfig(nodes = 3)
class ExecProgressShellTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);

    Lab lab;
    @TempDir
    Path home;

    @Test
    void enterDuringARunPrintsTheRunningNodesAndTheRunStillEndsRight() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the interactive shell cannot be driven");
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        String name = "herd-exec-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER
                + " --inventory " + lab.inventoryFile())) {
            t.await("^herd>$", START);
            t.send("exec -w @compute sleep 5", "Enter");
            t.await("0/3 done, 0 ok, 0 failed, \\d running", STEP);
            t.send("Enter");
            t.await("^running \\(3\\): valkyrie\\[01-03\\]$", STEP);
            String end = t.await("^herd>$", STEP);
            assertThat(end).doesNotContain("failed (see").doesNotContain("running: none");
            t.send("nodes @last:ok", "Enter");
            t.await("> nodes @last:ok\nvalkyrie\\[01-03\\]\nherd>$", STEP);
            t.send("exec -w @compute sleep 30", "Enter");
            t.await("0/3 done, 0 ok, 0 failed, \\d running", STEP);
            t.send("x");
            t.await("sleep 30\n(?:.*\n)*?running \\(3\\): valkyrie\\[01-03\\]$", STEP);
            t.send("C-c");
            t.await("cancelled[^\n]*\nherd>$", STEP);
            t.send("exit", "Enter");
            assertThat(t.awaitExit(START)).isZero();
        }
    }
}
