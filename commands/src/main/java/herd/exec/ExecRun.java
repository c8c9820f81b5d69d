package herd.exec;

import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.RemoteCommand;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The state of one {@link ExecEngine#run} call: its workers, running commands and buffers. */
final class ExecRun {

    /** How long a cancelled run waits for its workers to notice before returning. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(3);

    private final ConnectionPool pool;
    private final ScheduledExecutorService timer;
    private final ExecRequest request;
    private final ExecListener listener;
    private final Map<String, NodeOutcome> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Lines> outputs = new ConcurrentHashMap<>();
    private final Map<String, RemoteCommand> running = new ConcurrentHashMap<>();
    private final ExecutorService killers = Executors.newCachedThreadPool(named("herd-exec-kill"));
    private final CountDownLatch done;
    private volatile boolean cancelled;
    private volatile boolean closed;

    ExecRun(ConnectionPool pool, ScheduledExecutorService timer, ExecRequest request, ExecListener listener) {
        this.pool = pool;
        this.timer = timer;
        this.request = request;
        this.listener = listener;
        this.done = new CountDownLatch(request.targets().size());
    }

    ExecResult run() {
        long start = System.nanoTime();
        int threads = Math.min(request.fanout(), Math.max(1, request.targets().size()));
        ExecutorService workers = Executors.newFixedThreadPool(threads, named("herd-exec"));
        ExecutorService stderrReaders = Executors.newCachedThreadPool(named("herd-exec-err"));
        try {
            for (SshTarget t : request.targets()) {
                workers.execute(() -> node(t, stderrReaders));
            }
            try {
                done.await();
            } catch (InterruptedException e) {
                cancel(workers);
                Thread.currentThread().interrupt();
            }
        } finally {
            workers.shutdownNow();
            stderrReaders.shutdownNow();
            killers.shutdown();
        }
        return result(Duration.ofNanos(System.nanoTime() - start));
    }

    private void node(SshTarget t, ExecutorService stderrReaders) {
        try {
            if (cancelled) {
                finish(NodeOutcome.without(t.node(), Reason.CANCELLED, "cancelled"));
                return;
            }
            emit(new ExecEvent.Started(t.node()));
            finish(execute(t, stderrReaders));
        } catch (RuntimeException e) {
            finish(NodeOutcome.without(t.node(), Reason.FAILED, "failed: " + e));
        }
    }

    private NodeOutcome execute(SshTarget t, ExecutorService stderrReaders) {
        String node = t.node();
        RemoteCommand c;
        try {
            c = pool.exec(t, request.remoteCommand(), request.connectTimeout());
        } catch (SshException e) {
            return cancelled ? NodeOutcome.without(node, Reason.CANCELLED, "cancelled") : e.outcome();
        }
        running.put(node, c);
        AtomicInteger timedOut = new AtomicInteger();
        ScheduledFuture<?> deadline = request.commandTimeout().isZero() ? null
                : timer.schedule(() -> {
                    timedOut.set(1);
                    killers.execute(c::kill);
                }, request.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (cancelled) {
                c.kill();
            }
            sendInput(c);
            Future<?> err = stderrReaders.submit(() -> pump(c.stderr(), node, ExecEvent.Stream.STDERR));
            pump(c.stdout(), node, ExecEvent.Stream.STDOUT);
            err.get();
            c.waitFor(Duration.ofDays(1));
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            c.kill();
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
            running.remove(node);
            c.close();
        }
        return outcome(node, c, timedOut.get() == 1);
    }

    private NodeOutcome outcome(String node, RemoteCommand c, boolean timedOut) {
        if (timedOut) {
            return NodeOutcome.without(node, Reason.TIMED_OUT,
                    "timed out after " + request.commandTimeout().toSeconds() + " s");
        }
        if (cancelled) {
            return NodeOutcome.without(node, Reason.CANCELLED, "cancelled");
        }
        int rc = c.exitCode();
        if (rc < 0) {
            return NodeOutcome.without(node, Reason.UNREACHABLE, "unreachable: connection lost during the command");
        }
        String signal = c.exitSignal();
        return signal.isEmpty() ? NodeOutcome.exited(node, rc)
                : new NodeOutcome(node, Reason.FAILED, rc, "killed by signal " + signal);
    }

    /** Gives sudo its password, then closes standard input so the command sees end of file. */
    private void sendInput(RemoteCommand c) {
        try (OutputStream in = c.stdin()) {
            byte[] bytes = request.sudo().input();
            if (bytes.length > 0) {
                in.write(bytes);
                in.flush();
            }
        } catch (IOException e) {
            // The channel closed already: the outcome will say why.
        }
    }

    /** Reads a stream to its end, emitting whole lines; a last line without a line end comes at EOF. */
    private void pump(InputStream in, String node, ExecEvent.Stream stream) {
        Lines lines = outputs.computeIfAbsent(node, k -> new Lines());
        LineSplitter splitter = new LineSplitter(line -> {
            lines.add(stream, line);
            emit(new ExecEvent.Output(node, stream, line));
        });
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                splitter.accept(buf, n);
            }
        } catch (IOException e) {
            // A killed or dropped channel ends its streams this way.
        }
        splitter.finish();
    }

    private void cancel(ExecutorService workers) {
        cancelled = true;
        for (RemoteCommand c : running.values()) {
            killers.execute(c::kill);
        }
        try {
            done.await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(NodeOutcome o) {
        synchronized (this) {
            if (closed) {
                return;
            }
            outcomes.put(o.node(), o);
            listener.on(new ExecEvent.Finished(o));
        }
        done.countDown();
    }

    private void emit(ExecEvent e) {
        synchronized (this) {
            if (!closed) {
                listener.on(e);
            }
        }
    }

    private ExecResult result(Duration elapsed) {
        List<NodeOutcome> list = new ArrayList<>();
        Map<String, NodeOutput> out = new LinkedHashMap<>();
        synchronized (this) {
            closed = true;
            for (SshTarget t : request.targets()) {
                String node = t.node();
                list.add(outcomes.getOrDefault(node, NodeOutcome.without(node, Reason.CANCELLED, "cancelled")));
                Lines lines = outputs.get(node);
                if (lines != null) {
                    out.put(node, lines.output());
                }
            }
        }
        return new ExecResult(OutcomeSet.of(list), out, elapsed);
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One node's lines so far, per stream. */
    private static final class Lines {
        private final List<String> stdout = new ArrayList<>();
        private final List<String> stderr = new ArrayList<>();

        synchronized void add(ExecEvent.Stream stream, String line) {
            (stream == ExecEvent.Stream.STDOUT ? stdout : stderr).add(line);
        }

        synchronized NodeOutput output() {
            return new NodeOutput(stdout, stderr);
        }
    }
}
