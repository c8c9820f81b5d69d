package herd.bmc;

import herd.session.Cancellation;
import herd.error.HerdException;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Serial-over-LAN consoles: one taken over by the terminal ({@link #attach}), or many captured in
 * the background into their log files ({@link #capture}), whose lines can be followed.
 * Every console session is appended to {@code LOGDIR/NODE.log} with timestamps.
 *
 * <pre>{@code
 * ConsoleEngine consoles = new ConsoleEngine(backend, Path.of("/var/log/herd/console"), Clock.systemUTC());
 * consoles.capture(List.of("n1", "n2"), credentials, false);     // background, into n1.log, n2.log
 * try (var r = consoles.follow(line -> out.line(line.toString()))) { ... }
 * }</pre>
 */
public final class ConsoleEngine implements AutoCloseable {

    private record Capture(BmcConsole console, ConsoleLog log) {
    }

    private final BmcBackend backend;
    private final Path logDir;
    private final Clock clock;
    private final Map<String, Capture> captures = new ConcurrentHashMap<>();
    private final List<Consumer<ConsoleLine>> followers = new CopyOnWriteArrayList<>();

    public ConsoleEngine(BmcBackend backend, Path logDir, Clock clock) {
        this.backend = backend;
        this.logDir = logDir;
        this.clock = clock;
    }

    public Path logFile(String node) {
        return logDir.resolve(node + ".log");
    }

    /** Opens the node's console for the terminal; {@code screen} receives its output. */
    public ConsoleSession attach(String node, BmcEngine.Credentials credentials, boolean force, char escape,
            OutputStream screen) {
        if (captures.containsKey(node)) {
            throw new BmcException(node, "console is being captured in the background (console --stop " + node
                    + " first)", Reason.FAILED, null);
        }
        BmcEndpoint endpoint = credentials.endpoint(node);
        BmcConsole console = backend.console(endpoint, credentials.password(endpoint), force);
        try {
            return new ConsoleSession(node, console, new ConsoleLog(logDir, node, clock, this::publish), screen, escape);
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
    }

    /** Starts background capture of each node's console (nodes already captured stay as they are). */
    public OutcomeSet capture(List<String> nodes, BmcEngine.Credentials credentials, boolean force) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        for (String node : nodes) {
            if (captures.containsKey(node)) {
                outcomes.add(new NodeOutcome(node, Reason.OK, 0, "already capturing"));
                continue;
            }
            try {
                startCapture(node, credentials, force);
                outcomes.add(new NodeOutcome(node, Reason.OK, 0, "capturing"));
            } catch (BmcException e) {
                outcomes.add(BmcEngine.failure(node, e.reason(), e.detail()));
            } catch (HerdException e) {
                outcomes.add(BmcEngine.failure(node, Reason.FAILED, e.getMessage()));
            }
        }
        return OutcomeSet.of(outcomes);
    }

    private void startCapture(String node, BmcEngine.Credentials credentials, boolean force) {
        BmcEndpoint endpoint = credentials.endpoint(node);
        BmcConsole console = backend.console(endpoint, credentials.password(endpoint), force);
        ConsoleLog log;
        try {
            log = new ConsoleLog(logDir, node, clock, this::publish);
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
        log.mark("console capture started");
        captures.put(node, new Capture(console, log));
        console.start(new BmcConsole.Sink() {
            @Override
            public void output(byte[] bytes) {
                log.output(bytes);
            }

            @Override
            public void closed(String why) {
                log.mark("console lost: " + why);
                publish(new ConsoleLine(node, clock.instant(), "[herd: " + why + "]"));
                stop(List.of(node));
            }
        });
    }

    /** Stops the background capture of these nodes. */
    public OutcomeSet stop(List<String> nodes) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        for (String node : nodes) {
            Capture c = captures.remove(node);
            if (c == null) {
                outcomes.add(BmcEngine.failure(node, Reason.FAILED, "not capturing"));
                continue;
            }
            c.console().close();
            c.log().mark("console capture stopped");
            c.log().close();
            outcomes.add(new NodeOutcome(node, Reason.OK, 0, "stopped"));
        }
        return OutcomeSet.of(outcomes);
    }

    /** The nodes whose console is captured in the background. */
    public Set<String> capturing() {
        return new TreeSet<>(captures.keySet());
    }

    /** Sends every console line (captured or interactive) to {@code listener} until the registration is closed. */
    public Cancellation.Registration follow(Consumer<ConsoleLine> listener) {
        followers.add(listener);
        return () -> followers.remove(listener);
    }

    private void publish(ConsoleLine line) {
        followers.forEach(f -> f.accept(line));
    }

    /** Stops every capture. */
    @Override
    public void close() {
        stop(new ArrayList<>(captures.keySet()));
    }
}
