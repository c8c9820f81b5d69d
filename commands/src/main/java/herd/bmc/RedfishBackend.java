package herd.bmc;

import herd.session.Reason;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redfish BMCs over the JDK's HttpClient: one client per way of trusting certificates (its
 * connections to each service stay open between commands), sessions made by {@link RedfishBmc}.
 * There is no serial console in Redfish: {@link #console} refuses, and herd's console stays
 * IPMI SOL.
 *
 * <pre>{@code
 * try (RedfishBackend redfish = new RedfishBackend(Duration.ofSeconds(5));
 *      Bmc bmc = redfish.login(endpoint, password)) {
 *     bmc.power(PowerAction.CYCLE);
 * }
 * }</pre>
 */
public final class RedfishBackend implements BmcBackend {

    /** How long a task (a 202 answer) may run, in request deadlines. */
    private static final int TASK_DEADLINES = 12;

    private final Duration timeout;
    private final ExecutorService executor;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RedfishBackend(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(threadFactory("herd-redfish-"));
    }

    @Override
    public Bmc login(BmcEndpoint endpoint, String password) {
        if (endpoint.redfish() == null) {
            throw new BmcException(endpoint.node(), "not a Redfish BMC (bmc.protocol)", Reason.FAILED, null);
        }
        if (closed) {
            throw new BmcException("Redfish back end is closed");
        }
        HttpClient client = clients.computeIfAbsent(endpoint.redfish().trust(), t -> HttpClient.newBuilder()
                .sslContext(RedfishTls.context(endpoint.redfish())).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).executor(executor)
                .build());
        RedfishHttp http = new RedfishHttp(client, endpoint.redfish().url(), endpoint.node(), timeout);
        return RedfishBmc.open(http, endpoint.user(), password, timeout.multipliedBy(TASK_DEADLINES));
    }

    @Override
    public BmcConsole console(BmcEndpoint endpoint, String password, boolean force) {
        throw new BmcException(endpoint.node(), "Redfish has no serial console; the console is IPMI SOL", Reason.FAILED,
                null);
    }

    @Override
    public ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** Stops the clients' threads; the sessions were closed by their owners (the pool). */
    @Override
    public void close() {
        closed = true;
        clients.clear();
        executor.shutdownNow();
    }
}
