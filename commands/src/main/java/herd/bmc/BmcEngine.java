package herd.bmc;

import herd.session.Cancellation;
import herd.session.HerdException;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        OutcomeSet outcomes = fanOut(request.nodes(), credentials, cancel, progress, (endpoint, password) -> {
            PowerAction action = request.action();
            if (action != PowerAction.STATUS) {
                pool.call(endpoint, password, bmc -> {
                    bmc.power(action);
                    return action;
                });
                if (!request.waitForState()) {
                    return "ok";
                }
            }
            PowerState state = action == PowerAction.STATUS
                    ? pool.call(endpoint, password, Bmc::powerState)
                    : waitFor(endpoint, password, action.target().orElseThrow(), request.waitTimeout());
            states.put(endpoint.node(), state);
            return state.word();
        });
        return new PowerResult(request.action(), outcomes, states);
    }

    public BootResult boot(BootRequest request, Credentials credentials, Cancellation cancel, Progress progress) {
        Map<String, BootSetting> settings = new ConcurrentHashMap<>();
        OutcomeSet outcomes = fanOut(request.nodes(), credentials, cancel, progress, (endpoint, password) -> {
            BootSetting setting = request.setting().isPresent()
                    ? pool.call(endpoint, password, bmc -> {
                        bmc.setBoot(request.setting().get());
                        return request.setting().get();
                    })
                    : pool.call(endpoint, password, Bmc::boot);
            settings.put(endpoint.node(), setting);
            return setting.toString();
        });
        return new BootResult(outcomes, settings);
    }

    private PowerState waitFor(BmcEndpoint endpoint, String password, PowerState target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PowerState state = pool.call(endpoint, password, Bmc::powerState);
            if (state == target) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new BmcException(endpoint.node(), "still " + state.word() + " after " + IpmiBmc.seconds(timeout),
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

    /** The work on one node: returns the ok detail, throws {@link BmcException} otherwise. */
    @FunctionalInterface
    private interface NodeTask {
        String run(BmcEndpoint endpoint, String password);
    }

    private OutcomeSet fanOut(List<String> nodes, Credentials credentials, Cancellation cancel, Progress progress,
            NodeTask task) {
        Map<String, NodeOutcome> outcomes = new LinkedHashMap<>();
        Map<String, Future<NodeOutcome>> running = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(fanout, nodes.size())),
                pool.backend().threadFactory("herd-bmc-"));
        try (Cancellation.Registration r = cancel.onCancel(workers::shutdownNow)) {
            for (String node : nodes) {
                outcomes.put(node, null);
                try {
                    BmcEndpoint endpoint = credentials.endpoint(node);
                    String password = credentials.password(endpoint);
                    running.put(node, workers.submit(() -> attempt(node, endpoint, password, task, done, nodes.size(),
                            progress)));
                } catch (BmcException e) {
                    outcomes.put(node, failure(node, e.reason(), e.detail()));
                } catch (HerdException e) {
                    outcomes.put(node, failure(node, Reason.FAILED, e.getMessage().replaceFirst("^" + node + ": ", "")));
                }
            }
            running.forEach((node, future) -> outcomes.put(node, collect(node, future)));
        } finally {
            workers.shutdownNow();
        }
        return OutcomeSet.of(new ArrayList<>(outcomes.values()));
    }

    private static NodeOutcome attempt(String node, BmcEndpoint endpoint, String password, NodeTask task,
            AtomicInteger done, int total, Progress progress) {
        NodeOutcome outcome;
        try {
            outcome = new NodeOutcome(node, Reason.OK, 0, task.run(endpoint, password));
        } catch (BmcException e) {
            outcome = failure(node, e.reason(), e.detail());
        }
        progress.done(done.incrementAndGet(), total);
        return outcome;
    }

    /** A node that did not succeed; a BMC has no exit code, so FAILED carries 1. */
    static NodeOutcome failure(String node, Reason reason, String detail) {
        return reason.hasExitCode() ? new NodeOutcome(node, reason, 1, detail) : NodeOutcome.without(node, reason, detail);
    }

    private static NodeOutcome collect(String node, Future<NodeOutcome> future) {
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
