package herd.shell;

import herd.audit.Caller;
import herd.client.Call;
import herd.client.Wire;
import herd.error.HerdException;
import herd.session.UsageException;
import herd.shell.console.TerminalHandOver;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A shared session ({@code herd session start}): one shell's {@link Executor}, and so one
 * {@link herd.session.Session} with its outcome sets, variables and warm connections, serving
 * {@code herd -c} and batch calls of its user's clients over a Unix-domain socket. The peer's user
 * comes from the kernel (SO_PEERCRED) and must be the server's own, root included. Calls run one
 * at a time in arrival order ({@code --no-wait} refuses instead); after the idle limit without a
 * call the server closes everything and removes its socket.
 *
 * <pre>{@code
 * int status = new SessionServer(executor, handOver, socket, Duration.ofMinutes(30)).serve();
 * }</pre>
 */
final class SessionServer {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    /** How long {@code session stop} lets a cancelled call end before closing anyway. */
    private static final long STOP_WAIT_SECONDS = 20;

    private final Executor executor;
    private final TerminalHandOver handOver;
    private final Path socket;
    private final Duration idle;
    private final String owner = System.getProperty("user.name");
    private final ReentrantLock turn = new ReentrantLock(true);
    private final Instant started = Instant.now();
    private final AtomicLong calls = new AtomicLong();
    private volatile long lastActive = System.nanoTime();
    private volatile SessionConnection running;
    private ServerSocketChannel server;

    SessionServer(Executor executor, TerminalHandOver handOver, Path socket, Duration idle) {
        this.executor = executor;
        this.handOver = handOver;
        this.socket = socket;
        this.idle = idle;
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}; {@code 0} never ends by itself; null is the default. */
    static Duration idleLimit(String text) {
        if (text == null) {
            return DEFAULT_IDLE;
        }
        var m = java.util.regex.Pattern.compile("(\\d{1,6})([smh]?)").matcher(text);
        if (!m.matches()) {
            throw new UsageException("bad --idle '" + text + "': a duration such as 90s, 30m or 2h (0: never)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Serves until {@code session stop} or the idle limit; the socket is gone when it returns. */
    int serve() {
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new HerdException("session: cannot listen on " + socket + ": " + e.getMessage());
        }
        Thread cleanup = new Thread(this::removeFiles, "herd-session-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        startIdleWatch();
        try {
            while (true) {
                SocketChannel client = server.accept();
                Thread t = new Thread(() -> handle(client), "herd-session-call");
                t.setDaemon(true);
                t.start();
            }
        } catch (ClosedChannelException stopped) {
            return 0;
        } catch (IOException e) {
            throw new HerdException("session: " + socket + ": " + e.getMessage());
        } finally {
            removeFiles();
        }
    }

    private void startIdleWatch() {
        if (idle.isZero()) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    Thread.sleep(Math.min(1000, Math.max(50, idle.toMillis() / 4)));
                } catch (InterruptedException e) {
                    return;
                }
                if (!turn.isLocked() && System.nanoTime() - lastActive > idle.toNanos()) {
                    close();
                }
            }
        }, "herd-session-idle");
        watch.setDaemon(true);
        watch.start();
    }

    private void handle(SocketChannel channel) {
        try (channel) {
            DataInputStream in = Wire.input(channel);
            DataOutputStream out = Wire.output(channel);
            Wire.Frame first = Wire.read(in);
            if (first == null || first.type() != Wire.CALL) {
                return;   // a probe (session start waits for the socket so) or not a client of ours
            }
            Call call = Call.decode(first.payload());
            String peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
            SessionConnection c = new SessionConnection(call, caller(peer, call), in, out);
            if (!peer.equals(owner)) {
                c.err().println("herd: this session belongs to user " + owner + ": user " + peer + " is refused");
                c.exit(1);
                return;
            }
            c.listen();
            switch (String.join(" ", call.args())) {
                case "session status" -> c.exit(status(c));
                case "session stop" -> stop(c);
                default -> c.exit(call(c));
            }
        } catch (IOException e) {
            // The client went away before its call was read: nothing ran.
        }
    }

    /** The caller for the audit log: the kernel's user; the pid the client gave, if that user's. */
    private static Caller caller(String user, Call call) {
        long pid = call.pid();
        try {
            if (!Files.getOwner(Path.of("/proc", Long.toString(pid))).getName().equals(user)) {
                pid = -1;
            }
        } catch (IOException | UnsupportedOperationException e) {
            pid = -1;
        }
        return new Caller(user, Caller.ofThisProcess(Map.of()).uid(), call.env().get("SUDO_USER"), pid);
    }

    private int call(SessionConnection c) {
        if (c.call().noWait()) {
            if (!turn.tryLock()) {
                SessionConnection other = running;
                c.err().println("herd: the session is busy with another call"
                        + (other == null ? "" : " (pid " + other.call().pid() + ": " + describe(other.call()) + ")")
                        + "; without --no-wait this call waits its turn");
                return 1;
            }
        } else {
            turn.lock();
        }
        try {
            if (c.cancelled() || !server.isOpen()) {
                return 130;
            }
            running = c;
            calls.incrementAndGet();
            return new SessionCalls(executor, handOver, c).run();
        } finally {
            running = null;
            lastActive = System.nanoTime();
            turn.unlock();
        }
    }

    private int status(SessionConnection c) {
        var inv = executor.session().inventory();
        SessionConnection now = running;
        long idleSeconds = now != null ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastActive);
        c.out().println("session:   pid " + ProcessHandle.current().pid() + ", user " + owner + ", socket " + socket);
        c.out().println("cluster:   \"" + inv.name() + "\" (" + inv.source() + "), " + inv.nodes().size() + " nodes");
        c.out().println("started:   " + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", " + calls.get()
                + " calls");
        c.out().println("idle:      " + idleSeconds + "s (limit " + (idle.isZero() ? "none" : format(idle)) + ")");
        c.out().println("running:   " + (now == null ? "nothing" : "pid " + now.call().pid() + ": " + describe(now.call())
                + now.screen().map(size -> " (terminal " + size.columns() + "x" + size.rows() + ")").orElse("")));
        List<String> held = executor.session().resourceNames();
        c.out().println("held:      " + (held.isEmpty() ? "nothing yet" : String.join(", ", held)));
        return 0;
    }

    /** Cancels the running call, lets it end, then answers and stops (socket gone before the answer). */
    private void stop(SessionConnection c) {
        SessionConnection now = running;
        if (now != null) {
            now.cancel();
        }
        try {
            if (!turn.tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                c.err().println("herd: session stop: a call did not end within " + STOP_WAIT_SECONDS + " s of its cancel;"
                        + " stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeFiles();
        c.exit(0);
        close();
    }

    private void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket has nothing left to report.
        }
        removeFiles();
    }

    private void removeFiles() {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(Path.of(socket + ".log"));
        } catch (IOException e) {
            // Left behind, the socket reads as stale to the next client: it says so.
        }
    }

    private static String describe(Call call) {
        return String.join(" ", call.args());
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
