package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.shell.HerdProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/bringup.csh, checked with {@code herd -n} against the bundled example inventory: every
 * line is a known command with valid options. Running it needs real BMCs and installers.
 */
class BringupScriptTest {

    private static final Path SCRIPT = HerdProcess.ROOT.resolve("scripts/bringup.csh");

    @TempDir
    Path home;

    @Test
    void everyLineOfTheBringupScriptIsAKnownCommandWithValidOptions() throws Exception {
        String text = Files.readString(SCRIPT);
        assertThat(text).contains("net sync", "pxe render", "bootdev", "power", "deploy", "exec");
        Result r = HerdProcess.run(home, null, "-q", "-n", SCRIPT.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isZero();
    }

    @Test
    void everyLineOfTheTutorialBatchChecksOnTheExampleClusterItIsWrittenFor() throws Exception {
        Result r = HerdProcess.run(home, null, "-q", "-n", HerdProcess.ROOT.resolve("scripts/tutorial.csh").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
    }

    @Test
    void theCheckFindsABadOptionAndABadCommandWithTheirLines() throws Exception {
        Path broken = home.resolve("broken.csh");
        Files.writeString(broken, Files.readString(SCRIPT).replace("pxe render $NODES --dry-run", "pxe render $NODES --dryrun")
                + "powr on $NODES\n");
        Result r = HerdProcess.run(home, null, "-q", "-n", "-k", broken.toString());
        assertThat(r.err()).contains(broken + ":18: pxe render: unknown option --dryrun")
                .contains("unknown command 'powr'").contains("2 lines failed");
        assertThat(r.out()).isEmpty();
        assertThat(r.status()).isEqualTo(2);
    }
}
