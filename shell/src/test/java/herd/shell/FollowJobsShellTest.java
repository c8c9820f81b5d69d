package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code follow ... &} in the real {@code ./herd} in tmux: lines above the prompt, jobs, fg, stop. */
class FollowJobsShellTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private void append(Path file, String line) throws Exception {
        Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
    }

    @Test
    void aBackgroundFollowPrintsAboveThePromptWhileTheShellStaysUsable() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the interactive shell cannot be driven");
        Path log = Files.writeString(home.resolve("app.log"), "old line, not shown\n");
        Path other = Files.writeString(home.resolve("other.log"), "");
        String env = HerdProcess.environment(home).entrySet().stream()
                .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
        String name = "herd-jobs-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER)) {
            t.await("^herd>$", START);
            t.send("follow " + log + " &", "Enter");
            t.await("^\\[1\\] follow " + log + "\nherd>$", STEP);
            append(log, "first background line");
            t.await("first background line\nherd>$", STEP);
            t.send("nodes @compute", "Enter");
            t.await("> nodes @compute\nvalkyrie\\[01-02\\]\nherd>$", STEP);
            t.send("nodes val");
            append(log, "second background line");
            t.await("second background line\nherd> nodes val$", STEP);
            t.send("C-u");
            t.send("follow --background " + other, "Enter");
            t.await("^\\[2\\] follow " + other + "\nherd>$", STEP);
            t.send("jobs", "Enter");
            t.await("^\\[1\\] running  follow " + log + "\n\\[2\\] running  follow " + other + "\nherd>$", STEP);
            t.send("stop 1", "Enter");
            t.await("^\\[1\\] stopped  follow " + log + "\nherd>$", STEP);
            append(log, "after stop, not shown");
            t.send("fg", "Enter");
            t.await("> fg\nfollow " + other + "\n$", STEP);
            append(other, "in front now");
            t.await("in front now\n$", STEP);
            t.send("C-c");
            t.await("^herd>$", STEP);
            t.send("jobs", "Enter");
            String end = t.await("> jobs\nherd>$", STEP);
            assertThat(end).doesNotContain("after stop, not shown").doesNotContain("old line");
            t.send("exit", "Enter");
            assertThat(t.awaitExit(START)).isZero();
        }
    }
}
