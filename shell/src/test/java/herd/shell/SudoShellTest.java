package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.lab.Lab;
import herd.lab.SudoUser;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec --sudo} in the real {@code ./herd}, as a non-root user whose sudo wants a password:
 * asked once per session without echo, refused passwords reported and asked again, never kept in
 * history, and a clear error without a terminal.
 */
@LabConfig(nodes = 4)
class SudoShellTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final String PASSWORD = "Herd sudo-" + ProcessHandle.current().pid();
    private static final String PROMPT = "sudo password:";

    Lab lab;
    @TempDir
    Path home;

    @Test
    void asksOnceReportsAWrongPasswordAndAsksAgainKeepsNothing() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed: the interactive shell cannot be driven");
        assumeTrue(SudoUser.possible(), "needs root, useradd and sudo (run-tests installs sudo)");
        try (SudoUser user = SudoUser.create(lab, PASSWORD)) {
            Path inventory = inventoryFor(user.name());
            String env = HerdProcess.environment(home).entrySet().stream()
                    .map(e -> e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining(" "));
            String name = "herd-sudo-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
            try (Tmux t = Tmux.start(name, "cd '" + home + "' && env " + env + " " + HerdProcess.LAUNCHER
                    + " --inventory " + inventory)) {
                t.await("^herd>$", START);
                t.send("exec --sudo -w @compute id -u", "Enter");
                t.await(Pattern.quote(PROMPT) + "$", STEP);
                t.send("not " + PASSWORD, "Enter");
                String wrong = t.await("^valkyrie\\[01-04\\] \\(4\\): sudo: wrong password\n(?:.*\n)*herd>$", STEP);
                assertThat(wrong).doesNotContain("Sorry").doesNotContain("herd:sudo").doesNotContain("incorrect password")
                        .as("the typed password is not echoed, not even masked")
                        .containsPattern("(?m)^" + Pattern.quote(PROMPT) + "$");

                t.send("exec --sudo -w @compute id -u", "Enter");
                t.await("wrong password\n(?:.*\n)*" + Pattern.quote(PROMPT) + "$", STEP);
                t.send(PASSWORD, "Enter");
                String ok = t.await("(?:^valkyrie0\\d: 0\n){4}herd>$", STEP);
                assertThat(count(ok, PROMPT)).isEqualTo(2);

                t.send("exec --sudo -b -w @compute whoami", "Enter");
                String again = t.await("^valkyrie\\[01-04\\] \\(4\\)\n-+\nroot\nherd>$", STEP);
                assertThat(count(again, PROMPT)).as("asked once per session").isEqualTo(2);
                assertThat(again).doesNotContain(PASSWORD).doesNotContain("herd:sudo")
                        .as("no typed key taken as a key press of the run").doesNotContain("running (");
                t.send("exit", "Enter");
                assertThat(t.awaitExit(START)).isZero();
            }
            assertThat(filesContaining(PASSWORD)).as("files under HOME holding the password").isEmpty();
            String audit = Files.readString(lab.dir().resolve("log/audit.log"));
            assertThat(audit).as("the audit log").contains("\"line\":\"exec --sudo -w @compute id -u\"").doesNotContain(PASSWORD);
            Path history = home.resolve("state/herd/history");
            assertThat(Files.readString(history)).contains("exec --sudo -w @compute id -u");

            HerdProcess.Result batch = HerdProcess.run(home, null, "--inventory", inventory.toString(),
                    "-c", "exec --sudo -w @compute id -u");
            assertThat(batch.status()).isNotZero();
            assertThat(batch.out() + batch.err())
                    .contains("valkyrie[01-04] (4): sudo: a password is required, and there is no terminal to ask it")
                    .doesNotContain("herd:sudo");
        }
    }

    /** The lab's inventory, logging in as {@code user} instead of root. */
    private Path inventoryFor(String user) throws IOException {
        String yaml = Files.readString(lab.inventoryFile());
        assertThat(yaml).contains("    user: root\n");
        return Files.writeString(home.resolve("inventory.yaml"), yaml.replace("    user: root\n", "    user: " + user + "\n"));
    }

    private List<Path> filesContaining(String text) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new AssertionError("cannot read " + f, e);
                }
            }).toList();
        }
    }

    private static int count(String screen, String text) {
        Matcher m = Pattern.compile(Pattern.quote(text)).matcher(screen);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
