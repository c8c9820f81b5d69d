package herd.bmc;

import herd.session.Cancellation;
import herd.error.HerdException;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Power and boot device over many BMCs in parallel, on the session's warm {@link BmcPool}.
 *
 * <pre>{@code
 * BmcEngine engine = new BmcEngine(pool, 64);
 * PowerResult r = engine.power(new PowerRequest(List.of("n1", "n2"), PowerAction.STATUS, false, Duration.ZERO),
 *         credentials, Cancellation.create(), (done, total) -> { });
 * r.byState();   // {"off": [n2], "on": [n1]}
 * }</pre>
 */
public final class BmcEngine {

    /** Where each node's BMC is and its password (resolved on the calling thread, so a prompt is asked once). */
    public interface Credentials {
        BmcEndpoint endpoint(String node);

        String password(BmcEndpoint endpoint);
    }

    /** Called as nodes finish. */
    @FunctionalInterface
    public interface Progress {
        void done(int done, int total);
    }

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration SLOT_CHECK = Duration.ofMillis(100);

    private final BmcPool pool;
    private final int fanout;

    public BmcEngine(BmcPool pool, int fanout) {
        if (fanout < 1) {
            throw new BmcException("fanout must be at least 1, not " + fanout);
        }
        this.pool = pool;
        this.fanout = fanout;
    }

    public PowerResult power(PowerRequest request, Credentials credentials, Cancellation cancel, Progress progress) {
        Map<String, PowerState> states = new ConcurrentHashMap<>();
        PowerAction action = request.action();
        OutcomeSet outcomes = fanOut(request.nodes(), credentials, cancel, progress, (endpoint, password) -> {
            if (action == PowerAction.STATUS) {
                return pool.callAsync(endpoint, password, bmc -> bmc.powerStateAsync(pool.workers()))
                        .thenApply(state -> {
                            states.put(endpoint.node(), state);
                            return state.word();
                        });
            }
            CompletableFuture<String> sent = pool.callAsync(endpoint, password,
                    bmc -> bmc.powerAsync(action, pool.workers())).thenApply(done -> "ok");
            if (!request.waitForState()) {
                return sent;
            }
            // Waiting polls with pauses: on a worker, as blocking calls.
            return sent.thenApplyAsync(ok -> {
                PowerState state = waitFor(endpoint, password, action.target().orElseThrow(), request.waitTimeout());
                states.put(endpoint.node(), state);
                return state.word();
            }, pool.workers());
        });
        return new PowerResult(request.action(), outcomes, states);
    }

    public BootResult boot(BootRequest request, Credentials credentials, Cancellation cancel, Progress progress) {
        Map<String, BootSetting> settings = new ConcurrentHashMap<>();
        OutcomeSet outcomes = fanOut(request.nodes(), credentials, cancel, progress, (endpoint, password) -> {
            CompletableFuture<BootSetting> done = request.setting().isPresent()
                    ? pool.callAsync(endpoint, password, bmc -> bmc.setBootAsync(request.setting().get(), pool.workers()))
                            .thenApply(ok -> request.setting().get())
                    : pool.callAsync(endpoint, password, bmc -> bmc.bootAsync(pool.workers()));
            return done.thenApply(setting -> {
                settings.put(endpoint.node(), setting);
                return setting.toString();
            });
        });
        return new BootResult(outcomes, settings);
    }

    /** Model, serial, firmware versions, health and power of every node ({@code bmc info}). */
    public InfoResult info(List<String> nodes, Credentials credentials, Cancellation cancel, Progress progress) {
        Map<String, BmcFacts> facts = new ConcurrentHashMap<>();
        // Several requests per node, blocking: on the workers.
        OutcomeSet outcomes = fanOut(nodes, credentials, cancel, progress, (endpoint, password) ->
                CompletableFuture.supplyAsync(() -> {
                    facts.put(endpoint.node(), pool.call(endpoint, password, Bmc::facts));
                    return "ok";
                }, pool.workers()));
        return new InfoResult(outcomes, facts);
    }

    private PowerState waitFor(BmcEndpoint endpoint, String password, PowerState target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PowerState state = pool.call(endpoint, password, Bmc::powerState);
            if (state == target) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new BmcException(endpoint.node(), "still " + state.word() + " after " + RmcpSession.seconds(timeout),
                        Reason.TIMED_OUT, null);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BmcException(endpoint.node(), "cancelled", Reason.CANCELLED, e);
            }
        }
    }

    /** The work on one node: completes with the ok detail, or with a {@link BmcException}. */
    @FunctionalInterface
    private interface NodeTask {
        CompletableFuture<String> run(BmcEndpoint endpoint, String password);
    }

    /**
     * Starts the task on every node, at most {@code fanout} at once. A task holds no thread while
     * its BMC answers (IPMI completes it on the socket's reader): the calling thread sends every
     * request itself, with no hand-over to a worker per node, which on a loaded machine costs a
     * scheduling delay each. Credentials are resolved here, on the calling thread (a prompt is
     * asked once); Ctrl-C ends what runs and what waits, and keeps the outcomes of the nodes that
     * finished.
     */
    private OutcomeSet fanOut(List<String> nodes, Credentials credentials, Cancellation cancel, Progress progress,
            NodeTask task) {
        Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
        Map<String, CompletableFuture<NodeOutcome>> running = new LinkedHashMap<>();
        List<CompletableFuture<NodeOutcome>> started = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        Semaphore slots = new Semaphore(fanout);
        try (Cancellation.Registration r = cancel.onCancel(() -> started.forEach(f -> f.cancel(false)))) {
            for (String node : nodes) {
                outcomes.put(node, null);
                try {
                    BmcEndpoint endpoint = credentials.endpoint(node);
                    String password = credentials.password(endpoint);
                    if (!acquire(slots, cancel)) {
                        outcomes.put(node, NodeOutcome.without(node, Reason.CANCELLED, "cancelled"));
                        continue;
                    }
                    CompletableFuture<NodeOutcome> outcome = start(node, endpoint, password, task)
                            .whenComplete((o, t) -> {
                                slots.release();
                                progress.done(done.incrementAndGet(), nodes.size());
                            });
                    started.add(outcome);
                    running.put(node, outcome);
                    if (cancel.isCancelled()) {
                        outcome.cancel(false);
                    }
                } catch (BmcException e) {
                    outcomes.put(node, failure(node, e.reason(), e.detail()));
                } catch (HerdException e) {
                    outcomes.put(node, failure(node, Reason.FAILED, e.getMessage().replaceFirst("^" + node + ": ", "")));
                }
            }
            running.forEach((node, future) -> outcomes.put(node, collect(node, future)));
        } finally {
            started.forEach(f -> f.cancel(false));
        }
        return OutcomeSet.of(new ArrayList<>(outcomes.values()));
    }

    /** Waits for a free slot of the fan-out; false when the command is cancelled meanwhile. */
    private static boolean acquire(Semaphore slots, Cancellation cancel) {
        try {
            while (!slots.tryAcquire(SLOT_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    return false;
                }
            }
            if (cancel.isCancelled()) {
                slots.release();
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static CompletableFuture<NodeOutcome> start(String node, BmcEndpoint endpoint, String password,
            NodeTask task) {
        CompletableFuture<String> work;
        try {
            work = task.run(endpoint, password);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        return work.handle((detail, thrown) -> {
            if (thrown == null) {
                return new NodeOutcome(node, Reason.OK, 0, detail);
            }
            Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause()
                    : thrown;
            if (cause instanceof BmcException e) {
                return failure(node, e.reason(), e.detail());
            }
            if (cause instanceof java.util.concurrent.CancellationException
                    || cause instanceof java.util.concurrent.RejectedExecutionException) {
                return NodeOutcome.without(node, Reason.CANCELLED, "cancelled");
            }
            return failure(node, Reason.FAILED, String.valueOf(cause.getMessage()));
        });
    }

    /** A node that did not succeed; a BMC has no exit code, so FAILED carries 1. */
    static NodeOutcome failure(String node, Reason reason, String detail) {
        return reason.hasExitCode() ? new NodeOutcome(node, reason, 1, detail) : NodeOutcome.without(node, reason, detail);
    }

    private static NodeOutcome collect(String node, CompletableFuture<NodeOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeOutcome.without(node, Reason.CANCELLED, "cancelled");
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return NodeOutcome.without(node, Reason.CANCELLED, "cancelled");
        }
    }
}
