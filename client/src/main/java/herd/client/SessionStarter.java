package herd.client;

import java.io.File;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code herd session start}: starts the session server (the herd launcher with {@code --serve}) in
 * a session of its own, away from this terminal, waits until it listens, and prints the lines that
 * {@code eval} turns into {@code HERD_SESSION}, as {@code ssh-agent -s} does.
 *
 * <pre>{@code
 * $ herd session start
 * HERD_SESSION='/run/user/1000/herd/session.4242-lx2k'; export HERD_SESSION;
 * echo herd session 4250;
 * }</pre>
 */
final class SessionStarter {
    /** The server starts Spring and reads the inventory first: generous, for a loaded machine. */
    private static final long READY_MILLIS = 180_000;

    private final Map<String, String> env;

    SessionStarter(Map<String, String> env) {
        this.env = env;
    }

    int start(List<String> args) {
        List<String> serve = new ArrayList<>();
        boolean csh = ClientMain.csh(args, env);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-c", "-s", "-q" -> { }
                case "--idle", "-i", "--inventory" -> {
                    if (i + 1 >= args.size()) {
                        throw new ClientException("session start: option " + a + " needs a value", 2);
                    }
                    serve.add(a.equals("--idle") ? a : "--inventory");
                    serve.add(args.get(++i));
                }
                default -> {
                    if (a.startsWith("--idle=") || a.startsWith("--inventory=")) {
                        serve.add(a);
                    } else {
                        throw new ClientException("session start: unknown argument '" + a
                                + "' (try 'herd session --help')", 2);
                    }
                }
            }
        }
        refuseSecond();
        String launcher = env.get("HERD_LAUNCHER");
        if (launcher == null || launcher.isBlank()) {
            throw new ClientException("session start: HERD_LAUNCHER is not set (run it as 'herd session start')");
        }
        Path dir = SessionDir.of(env);
        Path socket = dir.resolve("session." + ProcessHandle.current().pid() + "-"
                + Long.toString(System.currentTimeMillis(), 36));
        Path log = Path.of(socket + ".log");
        List<String> command = new ArrayList<>(List.of("setsid", launcher, "--serve", socket.toString()));
        command.addAll(serve);
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("HERD_SESSION");
        pb.environment().put("HERD_STDIN_TTY", "0");
        Process server;
        try {
            server = pb.start();
        } catch (IOException e) {
            throw new ClientException("session start: cannot run " + launcher + ": " + e.getMessage());
        }
        awaitReady(server, socket, log);
        String quoted = "'" + socket.toString().replace("'", "'\\''") + "'";
        System.out.println(csh ? "setenv HERD_SESSION " + quoted + ";" : "HERD_SESSION=" + quoted + "; export HERD_SESSION;");
        System.out.println("echo herd session " + server.pid() + ";");
        return 0;
    }

    /** A second session in the same shell would hide the first one's outcome sets. */
    private void refuseSecond() {
        String current = env.get("HERD_SESSION");
        if (current == null || current.isBlank()) {
            return;
        }
        try (SocketChannel c = SessionCall.connect(Path.of(current))) {
            throw new ClientException("session start: a session already runs at " + current
                    + " (HERD_SESSION); eval \"$(herd session stop)\" ends it");
        } catch (ClientException | IOException gone) {
            if (gone instanceof ClientException c && c.getMessage().startsWith("session start:")) {
                throw c;
            }
        }
    }

    private static void awaitReady(Process server, Path socket, Path log) {
        long deadline = System.nanoTime() + READY_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                try (SocketChannel c = SessionCall.connect(socket)) {
                    return;
                } catch (ClientException | IOException notYet) {
                    // Bound but not listening yet: try again.
                }
            }
            if (!server.isAlive()) {
                String said;
                try {
                    said = Files.readString(log).strip();
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    said = "";
                }
                throw new ClientException(said.isEmpty() ? "session start: the server exited with status "
                        + server.exitValue() : said.replaceFirst("^herd: ", ""), Math.max(1, server.exitValue()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.destroy();
        throw new ClientException("session start: the server did not listen on " + socket + " within "
                + READY_MILLIS / 1000 + " s (its output: " + log + ")");
    }
}
