package herd.bmc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * IPMI 2.0 lanplus (RMCP+) in herd's own code: every session of the back end shares one UDP
 * socket and its one reader thread ({@link RmcpSocket}), so that a warm session costs no thread
 * and a thousand logins can be in flight at once. The cipher suite is given, never discovered
 * (ipmi_sim does not answer the query); the session is raised to Administrator after login.
 *
 * <pre>{@code
 * try (IpmiBackend ipmi = new IpmiBackend(Duration.ofSeconds(2));
 *      Bmc bmc = ipmi.login(new BmcEndpoint("n1", "127.0.0.1", 9001, "admin", 3, "prompt"), pw)) {
 *     bmc.power(PowerAction.CYCLE);
 * }
 * }</pre>
 */
public final class IpmiBackend implements BmcBackend {

    private final Duration timeout;
    private final ThreadGroup threads = new ThreadGroup("herd-ipmi");
    private final List<IpmiConsole> consoles = new ArrayList<>();
    private RmcpSocket socket;
    private ScheduledExecutorService consoleTimer;
    private boolean closed;

    public IpmiBackend(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Loads the JCA (HMAC-SHA1, AES) and the session classes on a background thread: done while the
     * shell starts, the first BMC command of a process does not pay them (~100 ms on a loaded machine).
     */
    public static void prepare() {
        Thread t = new Thread(() -> {
            try {
                SessionKeys.Rakp rakp = new SessionKeys.Rakp(1, 2, new byte[16], new byte[16], new byte[16], 0x14, "admin");
                SessionKeys.Sealer sealer = SessionKeys.derive(CipherSuite.of(3), SessionKeys.userKey(""), rakp).sealer();
                byte[] sealed = sealer.encrypt(RmcpSession.ipmiRequest(RmcpSession.NETFN_CHASSIS, 1, new byte[0], 1),
                        new byte[16]);
                sealer.decrypt(sealed, 0, sealed.length);
                sealer.authCode(sealed, 0, sealed.length);
                new java.security.SecureRandom().nextInt();
            } catch (RuntimeException e) {
                // only a head start: the first login does the same and reports any problem
            }
        }, "herd-ipmi-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** Threads in the back end's group, so that they are counted ({@link #liveThreads}). */
    @Override
    public ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(threads, r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Live threads the back end and the work on it have started: 0 some time after close. */
    public int liveThreads() {
        return threads.activeCount();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Bmc login(BmcEndpoint endpoint, String password) {
        return new IpmiBmc(RmcpSession.login(socket(), endpoint, password, timeout));
    }

    @Override
    public CompletableFuture<Bmc> loginAsync(BmcEndpoint endpoint, String password, Executor blocking) {
        RmcpSocket s;
        try {
            s = socket();
        } catch (BmcException e) {
            return CompletableFuture.failedFuture(e);
        }
        return RmcpSession.loginAsync(s, endpoint, password, timeout).thenApply(IpmiBmc::new);
    }

    @Override
    public BmcConsole console(BmcEndpoint endpoint, String password, boolean force) {
        IpmiConsole console = IpmiConsole.activate(RmcpSession.login(socket(), endpoint, password, timeout), endpoint,
                force, this);
        synchronized (this) {
            consoles.add(console);
        }
        return console;
    }

    synchronized void forget(IpmiConsole console) {
        consoles.remove(console);
    }

    /** The thread that checks idle consoles, started with the first console. */
    synchronized ScheduledExecutorService consoleTimer() {
        if (consoleTimer == null) {
            consoleTimer = Executors.newSingleThreadScheduledExecutor(threadFactory("herd-sol-watch-"));
        }
        return consoleTimer;
    }

    private synchronized RmcpSocket socket() {
        if (closed) {
            throw new BmcException("IPMI back end is closed");
        }
        if (socket == null) {
            try {
                socket = new RmcpSocket(threadFactory("herd-ipmi-reader-"));
            } catch (IOException e) {
                throw new BmcException("cannot open a UDP socket for IPMI: " + e.getMessage());
            }
        }
        return socket;
    }

    @Override
    public void close() {
        List<IpmiConsole> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(consoles);
        }
        open.forEach(IpmiConsole::close);
        synchronized (this) {
            if (consoleTimer != null) {
                consoleTimer.shutdownNow();
            }
            if (socket != null) {
                socket.close();
            }
        }
    }
}
