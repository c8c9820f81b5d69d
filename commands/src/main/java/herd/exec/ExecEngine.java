package herd.exec;

import herd.ssh.ConnectionPool;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs one command on many nodes over the session's pooled SSH connections, streaming events as
 * lines arrive. Interrupting the calling thread cancels the run: the remote processes are killed,
 * and the partial result is returned (the interrupt flag stays set).
 *
 * <pre>{@code
 * ExecEngine engine = new ExecEngine(pool);
 * ExecResult r = engine.run(ExecRequest.of(targets, "hostname"), e -> { });
 * System.out.println(r.outcomes().failures());
 * }</pre>
 */
public final class ExecEngine implements AutoCloseable {

    private final ConnectionPool pool;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herd-exec-timer");
        t.setDaemon(true);
        return t;
    });

    public ExecEngine(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Runs {@code request}; {@code listener} sees every event, one at a time. */
    public ExecResult run(ExecRequest request, ExecListener listener) {
        return new ExecRun(pool, timer, request, listener).run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
