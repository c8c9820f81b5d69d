package herd.files;

import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.RemoteCommand;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs a shell command line on the management node, on an exec channel of the pooled connection,
 * stdout and stderr merged, with a deadline (the remote process group is killed past it).
 */
final class RemoteRunner {
    // sshd's PATH for a non-login command may lack the sbin directories where dhcpd and rndc live.
    private static final String PREFIX = "PATH=\"$PATH:/usr/sbin:/sbin\"; export PATH; ";

    private final ConnectionPool pool;
    private final SshTarget target;
    private final Duration connectTimeout;

    RemoteRunner(ConnectionPool pool, SshTarget target, Duration connectTimeout) {
        this.pool = pool;
        this.target = target;
        this.connectTimeout = connectTimeout;
    }

    ProcessRunner.Result run(String commandLine, String workDir, Duration limit) throws IOException {
        String line = PREFIX + (workDir == null ? "" : "cd " + quote(workDir) + " && ") + "{ " + commandLine + "; } 2>&1";
        try (RemoteCommand c = pool.exec(target, line, connectTimeout)) {
            c.stdin().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread stdout = drain(c.stdout(), out);
            Thread stderr = drain(c.stderr(), OutputStream.nullOutputStream());
            boolean finished = c.waitFor(limit);
            if (!finished) {
                c.kill();
                throw new SshException(target.node(), Reason.TIMED_OUT, "'" + commandLine + "' did not finish within "
                        + limit.toSeconds() + " s");
            }
            join(stdout);
            join(stderr);
            return new ProcessRunner.Result(c.exitCode(), out.toString(StandardCharsets.UTF_8));
        }
    }

    /** {@code s} as one single-quoted sh word. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Thread drain(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException e) {
                // The channel closed: what was read so far is all there is.
            }
        }, "herd-remote-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) throws IOException {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading remote output", e);
        }
    }
}
