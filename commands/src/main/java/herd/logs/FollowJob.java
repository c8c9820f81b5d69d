package herd.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code follow}: one thread per source, lines parsed, tagged, filtered and handed to
 * the listener one at a time. {@link #stop()} ends every source (killing journalctl/commands).
 * Start one with {@link FollowEngine#start}.
 */
public final class FollowJob {

    private final FollowRequest request;
    private final LogLineParser parser;
    private final FollowListener listener;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private volatile boolean stopped;

    FollowJob(FollowRequest request, LogLineParser parser, FollowListener listener, Clock clock) {
        this.request = request;
        this.parser = parser;
        this.listener = listener;
        this.clock = clock;
    }

    void start() {
        for (LogSource s : request.sources()) {
            Thread t = new Thread(() -> follow(s), "herd-follow " + s.label());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** What the job follows, for {@code jobs}: {@code follow /var/log/dhcpd.log journal:dhcpd}. */
    public String description() {
        StringBuilder b = new StringBuilder("follow");
        request.sources().forEach(s -> b.append(' ').append(s.label()));
        return b.toString();
    }

    public boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** Stops every source and waits (bounded) for the threads to end. */
    public void stop() {
        stopped = true;
        synchronized (processes) {
            processes.forEach(Process::destroy);
        }
        threads.forEach(Thread::interrupt);
        await(Duration.ofSeconds(3));
        synchronized (processes) {
            processes.forEach(Process::destroyForcibly);
        }
    }

    /** Waits until every source has ended or the deadline passes; true when all ended. */
    public boolean await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, left / 1_000_000));
                }
                if (t.isAlive()) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void follow(LogSource source) {
        try {
            if (source instanceof LogSource.File f) {
                new FileTail(f.path(), request.poll()).run(request.fromStart(), () -> stopped, l -> line(source, l));
            } else if (source instanceof LogSource.Journal j) {
                command(source, j.command(request.fromStart()));
            } else if (source instanceof LogSource.Command c) {
                command(source, c.argv());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                emit(new FollowEvent.SourceFailed(source.label(), String.valueOf(e.getMessage())));
            }
        }
    }

    private void command(LogSource source, List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        synchronized (processes) {
            processes.add(p);
        }
        if (stopped) {
            p.destroy();
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                line(source, l);
            }
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(5, TimeUnit.SECONDS);
        if (stopped) {
            return;
        }
        int rc = p.exitValue();
        if (rc == 0) {
            emit(new FollowEvent.SourceEnded(source.label()));
        } else {
            String last = err.isEmpty() ? "exit " + rc : err.lines().reduce((a, b) -> b).orElse(err);
            emit(new FollowEvent.SourceFailed(source.label(), argv.get(0) + ": " + last));
        }
    }

    private void line(LogSource source, String raw) {
        TaggedLine t = parser.parse(source.label(), raw, clock.instant());
        if (request.accepts(t)) {
            emit(new FollowEvent.Line(t));
        }
    }

    private synchronized void emit(FollowEvent e) {
        listener.on(e);
    }
}
