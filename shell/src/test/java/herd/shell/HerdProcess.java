package herd.shell;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./herd} launcher as a separate process, on the test class path (so that
 * the tests need no packaged jar), in a private HOME and working directory.
 */
final class HerdProcess {

    /** The repository root (the shell module's parent). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("herd");

    /** What a run printed and returned. */
    record Result(int status, String out, String err) {
    }

    private HerdProcess() {
    }

    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Environment of a run: class path, private HOME, XDG dirs and audit log under {@code home}. */
    static Map<String, String> environment(Path home) {
        return Map.of("HERD_CLASSPATH", classPath(), "HOME", home.toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                // Tests run as root: their audit records stay out of the machine's /var/log/herd.
                "HERD_AUDIT_LOG", home.resolve("audit.log").toString(),
                "PATH", home.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
    }

    static Result run(Path home, Path stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return exec(home, stdin, command);
    }

    /** ./herd --inventory INVENTORY ARGS... */
    static Result onInventory(Path home, Path inventory, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--inventory", inventory.toString()));
        all.addAll(List.of(args));
        return run(home, null, all.toArray(String[]::new));
    }

    static Result exec(Path home, Path stdin, List<String> command) throws IOException, InterruptedException {
        return exec(home, stdin, command, java.time.Duration.ofSeconds(60));
    }

    static Result exec(Path home, Path stdin, List<String> command, java.time.Duration timeout)
            throws IOException, InterruptedException {
        return exec(home, stdin, command, timeout, Map.of());
    }

    /** Like {@link #exec(Path, Path, List, java.time.Duration)}, with {@code extra} added to the environment. */
    static Result exec(Path home, Path stdin, List<String> command, java.time.Duration timeout, Map<String, String> extra)
            throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("bin"));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        // A developer's own shared session must never serve the tests' calls.
        pb.environment().remove("HERD_SESSION");
        pb.environment().putAll(environment(home));
        pb.environment().putAll(extra);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("herd did not finish in " + timeout.toSeconds() + " s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
