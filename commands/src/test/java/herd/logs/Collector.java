package herd.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A listener that keeps every event, for tests to wait on. */
final class Collector implements FollowListener {

    private final LinkedBlockingQueue<FollowEvent> queue = new LinkedBlockingQueue<>();
    final List<FollowEvent> seen = new ArrayList<>();

    @Override
    public void on(FollowEvent event) {
        queue.add(event);
    }

    /** Waits for an event matching {@code p}; fails the test with what was seen when it does not come. */
    FollowEvent await(Predicate<FollowEvent> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            FollowEvent e = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
                if (p.test(e)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; seen: " + seen);
    }

    /** Waits for the line whose raw text is {@code raw}. */
    TaggedLine line(String raw) throws InterruptedException {
        return ((FollowEvent.Line) await(e -> e instanceof FollowEvent.Line l && l.line().line().raw().equals(raw),
                Duration.ofSeconds(10))).line();
    }

    /** The raw lines received so far (after draining what is queued). */
    List<String> raws() {
        queue.drainTo(seen);
        return seen.stream().filter(e -> e instanceof FollowEvent.Line).map(e -> ((FollowEvent.Line) e).line().line().raw()).toList();
    }
}
