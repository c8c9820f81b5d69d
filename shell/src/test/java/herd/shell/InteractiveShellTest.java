package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./herd} in tmux, typed at as a person would. */
class InteractiveShellTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @Test
    void promptTargetCompletionCtrlCHistoryAndExit() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the interactive shell cannot be driven");
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        String name = "herd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER)) {
            String banner = t.await("^herd>$", START);
            assertThat(banner).contains("cluster \"tutorial\"", "this is the example cluster");

            t.send("use @compute", "Enter");
            t.await("^herd \\[valkyrie\\[01-02\\]\\]>$", STEP);

            t.send("nodes val", "Tab");
            t.await("> nodes valkyrie$", STEP);
            t.await("valkyrie01 +valkyrie02 +valkyrie\\[01-02\\]", STEP);
            t.send("C-u");

            t.send("nodes valkyrie[0", "Tab");
            t.await("01-02 +01 +02", STEP);
            t.send("2", "Tab", "Enter");
            t.await("> nodes valkyrie\\[02\\]\nvalkyrie02$", STEP);

            t.send("sleep 60", "Enter");
            t.await("sleeping, \\d+ s left", STEP);
            t.send("C-c");
            t.await("herd: sleep: cancelled\nherd \\[valkyrie\\[01-02\\]\\]>$", STEP);

            t.send("some half-typed line");
            t.await("> some half-typed line$", STEP);
            t.send("C-c");
            t.await("^herd \\[valkyrie\\[01-02\\]\\]>$", STEP);
            Thread.sleep(300); // a person does not type within the same instant as Ctrl-C
            t.send("nodes -c", "Enter");
            t.await("> nodes -c\n2\nherd \\[valkyrie\\[01-02\\]\\]>$", STEP);

            t.send("exit", "Enter");
            assertThat(t.awaitExit(START)).isZero();
        }
        Path history = home.resolve("state/herd/history");
        assertThat(Files.readString(history)).contains("use @compute", "nodes -c").doesNotContain("half-typed");
    }
}
