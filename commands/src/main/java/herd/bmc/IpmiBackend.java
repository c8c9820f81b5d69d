package herd.bmc;

import herd.session.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.metricshub.ipmi.core.api.async.ConnectionHandle;
import org.metricshub.ipmi.core.api.async.IpmiAsyncConnector;
import org.metricshub.ipmi.core.api.sync.IpmiConnector;
import org.metricshub.ipmi.core.coding.PayloadCoder;
import org.metricshub.ipmi.core.coding.commands.IpmiVersion;
import org.metricshub.ipmi.core.coding.commands.PrivilegeLevel;
import org.metricshub.ipmi.core.coding.commands.ResponseData;
import org.metricshub.ipmi.core.coding.commands.session.SetSessionPrivilegeLevel;
import org.metricshub.ipmi.core.coding.payload.lan.IPMIException;
import org.metricshub.ipmi.core.coding.protocol.AuthenticationType;
import org.metricshub.ipmi.core.coding.security.CipherSuite;
import org.metricshub.ipmi.core.coding.security.SecurityConstants;
import org.metricshub.ipmi.core.common.PropertiesManager;
import org.metricshub.ipmi.core.connection.Session;

/**
 * IPMI 2.0 lanplus through ipmi-java, with the library's defects worked around here and only here:
 * <ul>
 * <li>the cipher suite is given, never discovered (ipmi_sim does not answer the query);</li>
 * <li>"Integrity check failed" or an out-of-bounds array copy at login (an HMAC shared between
 *     the caller and the library's receive thread) is retried with a fresh connection;</li>
 * <li>the session is raised to Administrator with an explicit Set Session Privilege Level;</li>
 * <li>the library's own retries (4 s apart) are off: one deadline per request, herd decides;</li>
 * <li>every library thread (UDP readers, two timers per connection) is created inside one thread
 *     group and stopped on close, so nothing keeps the JVM alive.</li>
 * </ul>
 * Sessions share UDP sockets ("shards"): the library sleeps 1 ms after every datagram while it
 * holds the socket, so a command on many BMCs sends faster over more sockets (on a loaded
 * machine each of those sleeps can last several milliseconds).
 *
 * <pre>{@code
 * try (IpmiBackend ipmi = new IpmiBackend(Duration.ofSeconds(2), 8);
 *      Bmc bmc = ipmi.login(new BmcEndpoint("n1", "127.0.0.1", 9001, "admin", 3, "prompt"), pw)) {
 *     bmc.power(PowerAction.CYCLE);
 * }
 * }</pre>
 */
public final class IpmiBackend implements BmcBackend {

    /** UDP sockets herd's commands use: a fan-out of 64 sends its requests at once. */
    public static final int DEFAULT_SOCKETS = 64;

    private static final int LOGIN_ATTEMPTS = 4;

    private final Duration timeout;
    private final ThreadGroup threads;
    private final ExecutorService creator;
    private final IpmiShard[] shards;
    private final AtomicInteger next = new AtomicInteger();
    private final List<IpmiConsole> consoles = new ArrayList<>();
    private volatile boolean closed;

    public IpmiBackend(Duration timeout, int shardCount) {
        this.timeout = timeout;
        // The library reads these when a connector is built; 0 retries = fail at the first deadline.
        PropertiesManager.getInstance().setProperty("retries", "0");
        PropertiesManager.getInstance().setProperty("idleTime", "100");
        this.threads = new ThreadGroup("herd-ipmi");
        this.threads.setDaemon(false);
        this.creator = Executors.newCachedThreadPool(threadFactory("herd-ipmi-open-"));
        this.shards = new IpmiShard[Math.max(1, shardCount)];
    }

    /** Threads in the back end's group, so that what the library starts from them is found and stopped. */
    @Override
    public ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(threads, r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Live threads the back end (and the library under it) has started: 0 some time after close. */
    public int liveThreads() {
        return threads.activeCount();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Bmc login(BmcEndpoint endpoint, String password) {
        IpmiShard shard = shard();
        Login login = open(shard, endpoint, password);
        return new IpmiBmc(shard, login.handle(), login.suite(), endpoint, timeout);
    }

    @Override
    public BmcConsole console(BmcEndpoint endpoint, String password, boolean force) {
        // One connector per console: the library hands SOL data to every SOL listener of a connector.
        IpmiConnector connector = inGroup(() -> new IpmiConnector(0, 0L), endpoint.node() + ": SOL UDP socket");
        try {
            IpmiConsole console = IpmiConsole.activate(connector, open(new SyncLink(connector), endpoint, password),
                    endpoint, force, this);
            synchronized (consoles) {
                consoles.add(console);
            }
            return console;
        } catch (RuntimeException e) {
            connector.tearDown();
            throw e;
        }
    }

    void forget(IpmiConsole console) {
        synchronized (consoles) {
            consoles.remove(console);
        }
    }

    /** Runs a library call that starts threads on a thread of the group, so that they join it. */
    <T> T inGroup(Callable<T> call, String what) {
        try {
            return creator.submit(call).get();
        } catch (ExecutionException e) {
            throw new BmcException(what, String.valueOf(e.getCause().getMessage()), Reason.FAILED, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(what, "interrupted", Reason.CANCELLED, e);
        }
    }

    private synchronized IpmiShard shard() {
        if (closed) {
            throw new BmcException("IPMI back end is closed");
        }
        int i = Math.floorMod(next.getAndIncrement(), shards.length);
        if (shards[i] == null) {
            shards[i] = inGroup(() -> new IpmiShard(new IpmiAsyncConnector(0, 0L)), "IPMI UDP socket");
        }
        return shards[i];
    }

    /** A logged-in connection: its handle, its own cipher suite instance, the library's session. */
    record Login(ConnectionHandle handle, CipherSuite suite, Session session) {
    }

    /** What a login needs from a connector, asynchronous (shared sessions) or synchronous (consoles). */
    interface Link {
        ConnectionHandle connect(InetAddress address, int port, CipherSuite suite) throws IOException;

        void setTimeout(ConnectionHandle handle, int millis);

        Session openSession(ConnectionHandle handle, String user, String password) throws Exception;

        ResponseData send(ConnectionHandle handle, PayloadCoder request, Duration timeout) throws Exception;

        void closeSession(ConnectionHandle handle) throws Exception;

        void close(ConnectionHandle handle);
    }

    /** The library's synchronous connector, which SerialOverLan needs. */
    record SyncLink(IpmiConnector connector) implements Link {
        @Override
        public ConnectionHandle connect(InetAddress address, int port, CipherSuite suite) throws IOException {
            return connector.createConnection(address, port, suite, PrivilegeLevel.Administrator);
        }

        @Override
        public void setTimeout(ConnectionHandle handle, int millis) {
            connector.setTimeout(handle, millis);
        }

        @Override
        public Session openSession(ConnectionHandle handle, String user, String password) throws Exception {
            return connector.openSession(handle, user, password, null);
        }

        @Override
        public ResponseData send(ConnectionHandle handle, PayloadCoder request, Duration timeout) throws Exception {
            return connector.sendMessage(handle, request);
        }

        @Override
        public void closeSession(ConnectionHandle handle) throws Exception {
            connector.closeSession(handle);
        }

        @Override
        public void close(ConnectionHandle handle) {
            connector.closeConnection(handle);
        }
    }

    private Login open(Link link, BmcEndpoint endpoint, String password) {
        InetAddress address = resolve(endpoint);
        for (int attempt = 1; ; attempt++) {
            CipherSuite suite = suite(endpoint);
            ConnectionHandle handle = inGroup(() -> link.connect(address, endpoint.port(), suite),
                    endpoint.node() + ": BMC " + endpoint.address());
            link.setTimeout(handle, (int) timeout.toMillis());
            try {
                Session session = link.openSession(handle, endpoint.user(), password);
                link.send(handle, new SetSessionPrivilegeLevel(IpmiVersion.V20, suite, AuthenticationType.RMCPPlus,
                        PrivilegeLevel.Administrator), timeout);
                return new Login(handle, suite, session);
            } catch (Exception e) {
                link.close(handle);
                if (!sharedHmacRace(e) || attempt == LOGIN_ATTEMPTS) {
                    throw loginFailure(endpoint, e);
                }
            }
        }
    }

    /** The two ways the library's HMAC, shared across threads, spoils a login that would succeed. */
    static boolean sharedHmacRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ("Integrity check failed".equals(t.getMessage()) || t instanceof IndexOutOfBoundsException) {
                return true;
            }
        }
        return false;
    }

    private InetAddress resolve(BmcEndpoint endpoint) {
        try {
            return InetAddress.getByName(endpoint.host());
        } catch (UnknownHostException e) {
            throw new BmcException(endpoint.node(), "BMC host " + endpoint.host() + " is unknown", Reason.UNREACHABLE, e);
        }
    }

    private BmcException loginFailure(BmcEndpoint endpoint, Exception e) {
        String where = endpoint.node() + ": BMC " + endpoint.address();
        String message = String.valueOf(e.getMessage());
        if (message.contains("timed out")) {
            return new BmcException(where, "no answer after " + IpmiBmc.seconds(timeout), Reason.UNREACHABLE, e);
        }
        if (message.equals("Authentication check failed")) {
            return new BmcException(where, "login refused for user " + endpoint.user() + " (wrong password)",
                    Reason.AUTH_REFUSED, e);
        }
        if (e instanceof IPMIException ipmi) {
            return new BmcException(where, "login refused for user " + endpoint.user() + " ("
                    + ipmi.getCompletionCode().getMessage() + ")", Reason.AUTH_REFUSED, e);
        }
        return new BmcException(where, "login failed: " + message, Reason.FAILED, e);
    }

    /** The RMCP+ cipher suites of the IPMI 2.0 specification that the library implements. */
    static CipherSuite suite(BmcEndpoint endpoint) {
        byte sha1 = SecurityConstants.AA_RAKP_HMAC_SHA1;
        byte md5 = SecurityConstants.AA_RAKP_HMAC_MD5;
        byte sha256 = SecurityConstants.AA_RAKP_HMAC_SHA256;
        byte aes = SecurityConstants.CA_AES_CBC128;
        byte none = SecurityConstants.CA_NONE;
        return switch (endpoint.cipherSuite()) {
            case 0 -> new CipherSuite((byte) 0, SecurityConstants.AA_RAKP_NONE, none, SecurityConstants.IA_NONE);
            case 1 -> new CipherSuite((byte) 1, sha1, none, SecurityConstants.IA_NONE);
            case 2 -> new CipherSuite((byte) 2, sha1, none, SecurityConstants.IA_HMAC_SHA1_96);
            case 3 -> new CipherSuite((byte) 3, sha1, aes, SecurityConstants.IA_HMAC_SHA1_96);
            case 6 -> new CipherSuite((byte) 6, md5, none, SecurityConstants.IA_NONE);
            case 7 -> new CipherSuite((byte) 7, md5, none, SecurityConstants.IA_HMAC_MD5_128);
            case 8 -> new CipherSuite((byte) 8, md5, aes, SecurityConstants.IA_HMAC_MD5_128);
            case 15 -> new CipherSuite((byte) 15, sha256, none, SecurityConstants.IA_NONE);
            case 16 -> new CipherSuite((byte) 16, sha256, none, SecurityConstants.IA_HMAC_SHA256_128);
            case 17 -> new CipherSuite((byte) 17, sha256, aes, SecurityConstants.IA_HMAC_SHA256_128);
            default -> throw new BmcException(endpoint.node() + ": cipher suite " + endpoint.cipherSuite()
                    + " is not supported (0-3, 6-8, 15-17)");
        };
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<IpmiConsole> open;
        synchronized (consoles) {
            open = new ArrayList<>(consoles);
        }
        open.forEach(IpmiConsole::close);
        for (IpmiShard shard : shards) {
            if (shard != null) {
                shard.tearDown();
            }
        }
        creator.shutdownNow();
    }
}
