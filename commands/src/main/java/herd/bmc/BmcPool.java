package herd.bmc;

import herd.session.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Logged-in BMC sessions kept warm between commands (a session resource): the first command on a
 * node logs in, the next ones reuse the session. Idle sessions get a status request every
 * {@code keepAlive} so that the BMC does not expire them; one that fails is dropped.
 *
 * <pre>{@code
 * BmcPool pool = session.resource(BmcPool.class, () -> new BmcPool(new IpmiBackend(...), Duration.ofSeconds(20)));
 * PowerState s = pool.call(endpoint, password, Bmc::powerState);
 * }</pre>
 */
public final class BmcPool implements AutoCloseable {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        BmcEndpoint endpoint;
        Bmc bmc;
        volatile long lastUsed;
    }

    private static final long WORKER_IDLE_SECONDS = 5;

    private final BmcBackend backend;
    private final Duration keepAlive;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keeper;
    private final ExecutorService workers;

    public BmcPool(BmcBackend backend, Duration keepAlive) {
        this.backend = backend;
        this.keepAlive = keepAlive;
        // Kept between commands: starting a thread per node on every command costs the fan-out
        // thread CPU while the BMCs it already asked compete for the same cores.
        // Idle workers end after a few seconds: warm sessions between commands cost no thread.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), backend.threadFactory("herd-bmc-"));
        this.keeper = Executors.newSingleThreadScheduledExecutor(backend.threadFactory("herd-bmc-keepalive-"));
        long period = keepAlive.toMillis();
        keeper.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    public BmcBackend backend() {
        return backend;
    }

    /** The threads commands work on nodes with (the engine bounds how many run at once). */
    ExecutorService workers() {
        return workers;
    }

    /**
     * Runs {@code operation} on the node's session, logging in first when there is none (or the
     * endpoint changed). A reused session that times out may be stale (BMC restarted, session
     * expired): it is dropped and the operation is tried once more on a fresh login.
     */
    public <T> T call(BmcEndpoint endpoint, String password, Function<Bmc, T> operation) {
        Entry e = entries.computeIfAbsent(endpoint.node(), n -> new Entry());
        e.lock.lock();
        try {
            boolean reused = e.bmc != null && e.endpoint.equals(endpoint);
            if (!reused) {
                drop(e);
                login(e, endpoint, password);
            }
            try {
                return use(e, operation);
            } catch (BmcException failure) {
                drop(e);
                if (!reused || failure.reason() != Reason.TIMED_OUT) {
                    throw failure;
                }
                login(e, endpoint, password);
                return use(e, operation);
            }
        } finally {
            e.lock.unlock();
        }
    }

    private void login(Entry e, BmcEndpoint endpoint, String password) {
        e.bmc = backend.login(endpoint, password);
        e.endpoint = endpoint;
        e.lastUsed = System.nanoTime();
    }

    private static <T> T use(Entry e, Function<Bmc, T> operation) {
        T result = operation.apply(e.bmc);
        e.lastUsed = System.nanoTime();
        return result;
    }

    private static void drop(Entry e) {
        if (e.bmc != null) {
            e.bmc.close();
            e.bmc = null;
        }
    }

    /** Number of sessions currently open. */
    public int size() {
        return (int) entries.values().stream().filter(e -> e.bmc != null).count();
    }

    /** Closes the node's session, if any (after its BMC was reconfigured, for instance). */
    public void forget(String node) {
        Entry e = entries.remove(node);
        if (e != null) {
            e.lock.lock();
            try {
                drop(e);
            } finally {
                e.lock.unlock();
            }
        }
    }

    private void keepAlive() {
        long idle = keepAlive.toNanos();
        for (Entry e : entries.values()) {
            if (System.nanoTime() - e.lastUsed < idle || !e.lock.tryLock()) {
                continue;
            }
            try {
                if (e.bmc != null) {
                    e.bmc.powerState();
                    e.lastUsed = System.nanoTime();
                }
            } catch (BmcException failure) {
                drop(e);
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** Logs out of every BMC and stops the back end. */
    @Override
    public void close() {
        keeper.shutdownNow();
        workers.shutdownNow();
        List<String> nodes = new ArrayList<>(entries.keySet());
        nodes.forEach(this::forget);
        backend.close();
    }
}
