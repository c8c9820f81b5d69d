package herd.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A program in a detached tmux session, driven as a person would: type keys, read the screen.
 *
 * <pre>{@code
 * try (Tmux t = Tmux.start("herd-test-" + ProcessHandle.current().pid(), env, "./herd")) {
 *     t.send("nodes val", "Tab");
 *     t.await("nodes valkyrie", Duration.ofSeconds(5));
 * }
 * }</pre>
 */
final class Tmux implements AutoCloseable {

    private final String session;
    private final Path statusFile;

    private Tmux(String session, Path statusFile) {
        this.session = session;
        this.statusFile = statusFile;
    }

    static boolean available() {
        try {
            return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Starts {@code command} (a shell command line) in a new 160x40 session that stays after exit.
     * The exit status comes from a bash wrapper, not from tmux: tmux 3.3a here sometimes never marks
     * the pane dead after its program ended. bash (unlike dash) outlives a Ctrl-C its child handles.
     */
    static Tmux start(String session, String command) throws IOException, InterruptedException {
        Path status = Files.createTempFile("herd-tmux-", ".status");
        Files.delete(status);
        tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40");
        Tmux t = new Tmux(session, status);
        tmux("set-option", "-t", session, "remain-on-exit", "on");
        tmux("respawn-pane", "-k", "-t", session,
                "exec bash -c " + quote(command + "; echo $? > " + quote(status.toString())));
        return t;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Sends tmux key names ("Tab", "Enter", "C-c") or literal text. */
    void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(new String[0]));
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** Polls the screen until {@code regex} is found; returns the screen, or fails with it. */
    String await(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!p.matcher(screen).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("screen never showed /" + regex + "/ within " + timeout + ":\n" + screen);
            }
            Thread.sleep(50);
            screen = screen();
        }
        return screen;
    }

    /** Resizes the window: the program gets SIGWINCH. */
    void resize(int columns, int rows) throws IOException, InterruptedException {
        tmux("resize-window", "-t", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** The pid of the pane's program (the bash wrapper of {@link #start}). */
    long panePid() throws IOException, InterruptedException {
        return Long.parseLong(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip());
    }

    /** The exit status of the program once it ended, or -1 while it runs. */
    int exitStatus() throws IOException {
        String written = Files.exists(statusFile) ? Files.readString(statusFile).strip() : "";
        return written.isEmpty() ? -1 : Integer.parseInt(written);
    }

    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        while ((status = exitStatus()) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("program did not exit within " + timeout + ":\n" + screen());
            }
            Thread.sleep(50);
        }
        return status;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-session", "-t", session);
        Files.deleteIfExists(statusFile);
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + ": " + out.strip());
        }
        return out;
    }
}
