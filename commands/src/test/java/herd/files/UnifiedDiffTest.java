package herd.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one diff writer, judged by GNU diff (same hunks, unambiguous edits) and GNU patch (it applies). */
class UnifiedDiffTest {

    @TempDir
    Path tmp;

    @Test
    void hunksAreThoseOfDiffU() throws Exception {
        String text = numbered(1, 40);
        List<String[]> cases = List.of(
                new String[] {text, "zero\n" + text},
                new String[] {text, text + "forty-one\n"},
                new String[] {text, text.replace("line 20\n", "line twenty\n")},
                new String[] {text, text.replace("line 5\n", "").replace("line 30\n", "line 30\nnew\n")},
                new String[] {text, text.replace("line 10\n", "line 10\nnew\n").replace("line 14\n", "")},
                new String[] {text, text.substring(0, text.length() - 1)},
                new String[] {"one\n", "one\ntwo\n"},
                new String[] {"", "only\n"});
        for (String[] c : cases) {
            assertThat(body(UnifiedDiff.of("f", c[0], c[1]))).as(c[1]).isEqualTo(body(gnuDiff(c[0], c[1])));
        }
    }

    @Test
    void patchAppliesItToRandomEdits() throws Exception {
        assumeTrue(found("patch"), "GNU patch is not installed");
        Random random = new Random(16);
        for (int round = 0; round < 30; round++) {
            List<String> lines = new ArrayList<>(numbered(1, 60).lines().toList());
            for (int edit = 0; edit < 1 + random.nextInt(6); edit++) {
                int at = random.nextInt(lines.size());
                switch (random.nextInt(3)) {
                    case 0 -> lines.remove(at);
                    case 1 -> lines.add(at, "added " + round + "." + edit);
                    default -> lines.set(at, "changed " + round + "." + edit);
                }
            }
            String before = numbered(1, 60);
            String after = String.join("\n", lines) + "\n";
            Path file = Files.writeString(tmp.resolve("f"), before);
            Path patch = Files.writeString(tmp.resolve("f.diff"), UnifiedDiff.of("f", before, after));
            assertThat(run(tmp, "patch", "-s", "-F0", file.toString(), patch.toString())).as("round " + round).isZero();
            assertThat(Files.readString(file)).as("round " + round).isEqualTo(after);
        }
    }

    @Test
    void aNewFileIsDiffedFromDevNullAndEqualTextsGiveNothing() {
        assertThat(UnifiedDiff.of("nodes/a.ipxe", null, "#!ipxe\n"))
                .isEqualTo("--- /dev/null\n+++ nodes/a.ipxe (proposed)\n@@ -0,0 +1 @@\n+#!ipxe\n");
        assertThat(UnifiedDiff.of("f", "same\n", "same\n")).isEmpty();
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
    }

    /** A diff without its two header lines. */
    private static String body(String diff) {
        return diff.lines().skip(2).collect(Collectors.joining("\n"));
    }

    private String gnuDiff(String before, String after) throws IOException, InterruptedException {
        assumeTrue(found("diff"), "GNU diff is not installed");
        Files.writeString(tmp.resolve("a"), before);
        Files.writeString(tmp.resolve("b"), after);
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder("diff", "-u", "a", "b").directory(tmp.toFile()).redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        return Files.readString(out);
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static boolean found(String program) {
        return Files.isExecutable(Path.of("/usr/bin", program));
    }
}
