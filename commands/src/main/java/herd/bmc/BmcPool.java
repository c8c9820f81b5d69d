package herd.bmc;

import herd.session.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /**
     * A node's session. Operations on it take turns: each waits for the one before it to end (a
     * chain of futures, so that an operation waiting its turn holds no thread).
     */
    private static final class Entry {
        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        volatile BmcEndpoint endpoint;
        volatile Bmc bmc;
        volatile long lastUsed;

        /** Queues {@code mine}; returns what it must wait for. */
        synchronized CompletableFuture<Void> queue(CompletableFuture<Void> mine) {
            CompletableFuture<Void> before = last;
            last = mine;
            return before;
        }

        /** Queues {@code mine} only if nothing runs; false otherwise. */
        synchronized boolean queueIfIdle(CompletableFuture<Void> mine) {
            if (!last.isDone()) {
                return false;
            }
            last = mine;
            return true;
        }
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
        CompletableFuture<Void> mine = new CompletableFuture<>();
        try {
            RmcpSession.await(e.queue(mine), endpoint.node());
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
            mine.complete(null);
        }
    }

    /**
     * {@link #call} without a thread waiting on the BMC (where the back end can): the operation
     * returns a future, and so does this.
     */
    public <T> CompletableFuture<T> callAsync(BmcEndpoint endpoint, String password,
            Function<Bmc, CompletableFuture<T>> operation) {
        Entry e = entries.computeIfAbsent(endpoint.node(), n -> new Entry());
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<T> result = e.queue(mine).thenCompose(turn -> {
            boolean reused = e.bmc != null && e.endpoint.equals(endpoint);
            CompletableFuture<T> first = reused ? useAsync(e, operation)
                    : loginAsync(e, endpoint, password).thenCompose(x -> useAsync(e, operation));
            return first.handle((value, thrown) -> {
                if (thrown == null) {
                    return CompletableFuture.completedFuture(value);
                }
                Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null
                        ? thrown.getCause() : thrown;
                drop(e);
                if (!reused || !(cause instanceof BmcException b) || b.reason() != Reason.TIMED_OUT) {
                    return CompletableFuture.<T>failedFuture(cause);
                }
                return loginAsync(e, endpoint, password).thenCompose(x -> useAsync(e, operation));
            }).thenCompose(Function.identity());
        });
        result.whenComplete((value, thrown) -> mine.complete(null));
        return result;
    }

    private CompletableFuture<Void> loginAsync(Entry e, BmcEndpoint endpoint, String password) {
        drop(e);
        return backend.loginAsync(endpoint, password, workers).thenAccept(bmc -> {
            e.bmc = bmc;
            e.endpoint = endpoint;
            e.lastUsed = System.nanoTime();
        });
    }

    private static <T> CompletableFuture<T> useAsync(Entry e, Function<Bmc, CompletableFuture<T>> operation) {
        CompletableFuture<T> running;
        try {
            running = operation.apply(e.bmc);
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
        return running.thenApply(value -> {
            e.lastUsed = System.nanoTime();
            return value;
        });
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
        Bmc bmc = e.bmc;
        if (bmc != null) {
            e.bmc = null;
            bmc.close();
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
            CompletableFuture<Void> mine = new CompletableFuture<>();
            try {
                e.queue(mine).get(backend.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
            } catch (Exception busy) {
                // a hung operation: its session is closed under it, which ends it
            } finally {
                drop(e);
                mine.complete(null);
            }
        }
    }

    private void keepAlive() {
        long idle = keepAlive.toNanos();
        for (Entry e : entries.values()) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            if (System.nanoTime() - e.lastUsed < idle || !e.queueIfIdle(mine)) {
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
                mine.complete(null);
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
