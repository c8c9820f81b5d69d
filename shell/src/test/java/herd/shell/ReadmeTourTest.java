package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.shell.HerdProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, line by line, as a new user meets it: its command lines fed as a batch on
 * stdin to {@code herd lab shell}, which starts a fresh lab; every line must succeed, and the lab
 * must still run after the shell's {@code exit}, to be reused by the next {@code herd lab shell}.
 */
class ReadmeTourTest {
    private static final Pattern PROMPT = Pattern.compile("^herd(?: \\[.*?\\])?> (.*)$");
    private static final Duration TOUR = Duration.ofMinutes(4);

    @TempDir
    Path home;

    @Test
    void theTourRunsOnAFreshLabAndExitLeavesTheLabRunning() throws Exception {
        List<String> tour = tourLines();
        assertThat(tour).hasSizeGreaterThan(8).first().isEqualTo("nodes @compute");
        Path dir = home.resolve("lab");
        Path batch = Files.write(home.resolve("tour.csh"), tour);
        try {
            Result r = HerdProcess.exec(home, batch, List.of(HerdProcess.LAUNCHER.toString(), "lab", "shell",
                    "--dir", dir.toString()), TOUR);
            assertThat(r.err()).startsWith("herd lab: 4 nodes up in ").contains(" in " + dir + " (ssh, bmc+sol, dns, dhcp");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("valkyrie[01-04]\n").contains("valkyrie03: valkyrie03\n", "ssh-up")
                    .as("valkyrie04 was off: not in @power:on").doesNotContain("valkyrie04: valkyrie04\n");
            assertThat(Lab.isRunning(dir)).isTrue();

            Result again = HerdProcess.exec(home, Files.writeString(home.resolve("again.csh"), "nodes -c\n"),
                    List.of(HerdProcess.LAUNCHER.toString(), "lab", "shell", "--dir", dir.toString()), TOUR);
            assertThat(again.err()).isEqualTo("herd lab: using the lab running in " + dir + " (4 nodes); 'herd lab down --dir "
                    + dir + "' ends it\n");
            assertThat(again.out()).isEqualTo("4\n");
        } finally {
            HerdProcess.run(home, null, "lab", "down", "--dir", dir.toString());
        }
        assertThat(dir).doesNotExist();
    }

    /** The command lines of the README's tour block (those after a {@code herd...>} prompt). */
    static List<String> tourLines() throws java.io.IOException {
        String readme = Files.readString(HerdProcess.ROOT.resolve("README.md"));
        String tour = readme.substring(readme.indexOf("## A short tour"));
        tour = tour.substring(0, tour.indexOf("\n```\n", tour.indexOf("```") + 3));
        return tour.lines().map(PROMPT::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }
}
