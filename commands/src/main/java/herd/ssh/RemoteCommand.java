package herd.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command running on a node, on its own channel of a pooled connection. Read
 * {@link #stderr()} (its first line tells the remote process group, for {@link #kill()}).
 *
 * <pre>{@code
 * try (RemoteCommand c = pool.exec(target, "hostname", Duration.ofSeconds(10))) {
 *     String out = new String(c.stdout().readAllBytes());
 *     c.waitFor(Duration.ofSeconds(5));
 *     int rc = c.exitCode();
 * }
 * }</pre>
 */
public final class RemoteCommand implements AutoCloseable {

    /** How long {@link #kill()} waits for the remote process id when it has not arrived yet. */
    private static final long PID_WAIT_MS = 2000;

    private final SshConnection connection;
    private final Session session;
    private final Session.Command command;
    private final CompletableFuture<Long> pid = new CompletableFuture<>();
    private final InputStream stderr;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean killed = new AtomicBoolean();

    RemoteCommand(SshConnection connection, Session session, Session.Command command) {
        this.connection = connection;
        this.session = session;
        this.command = command;
        this.stderr = new PidLine(command.getErrorStream(), pid);
    }

    public InputStream stdout() {
        return command.getInputStream();
    }

    public InputStream stderr() {
        return stderr;
    }

    public OutputStream stdin() {
        return command.getOutputStream();
    }

    /** Waits until the remote side closed the channel; false when {@code limit} passed first. */
    public boolean waitFor(Duration limit) {
        try {
            command.join(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (IOException e) {
            return !command.isOpen();
        }
    }

    /**
     * The remote exit code; 128 + signal number when a signal killed the command (as a shell
     * reports it); -1 when the remote side sent neither.
     */
    public int exitCode() {
        Integer status = command.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = command.getExitSignal();
        return signal == null ? -1 : 128 + signalNumber(signal);
    }

    /** The signal that ended the command, or "" when none did. */
    public String exitSignal() {
        Signal signal = command.getExitSignal();
        return signal == null ? "" : signal.name();
    }

    /**
     * Kills the remote process group with SIGKILL, from a second channel on the same connection:
     * OpenSSH ignores RFC 4254 "signal" requests in root sessions, and closing a channel leaves its
     * process running. When the process id never came, the connection itself is cut.
     */
    public void kill() {
        if (!killed.compareAndSet(false, true)) {
            return;
        }
        long group;
        try {
            group = pid.get(PID_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            group = -1;
        }
        if (group <= 0) {
            connection.close();
            return;
        }
        // No "--": dash, the login shell of many users, takes it for a pid and kills nothing.
        try (RemoteCommand k = connection.exec("kill -9 -" + group + " " + group + " 2>/dev/null")) {
            k.waitFor(Duration.ofSeconds(5));
        } catch (IOException e) {
            connection.close();
        }
    }

    /** Closes the channel; the connection stays open in the pool. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close();
        } catch (IOException e) {
            // A channel that cannot be closed cleanly is dead already.
        } finally {
            connection.release();
        }
    }

    private static int signalNumber(Signal s) {
        return switch (s) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            default -> 0;
        };
    }
}
