package herd.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Ctrl-C token of one running command. The shell cancels it on SIGINT (and also interrupts the
 * command's thread); engines poll {@link #isCancelled()} or register a callback that closes what
 * blocks (a socket, a channel) so the command returns early with partial results.
 *
 * <pre>{@code
 * Cancellation cancel = session.cancellation();
 * try (var reg = cancel.onCancel(connection::close)) {
 *     while (!cancel.isCancelled()) { ... }
 * }
 * }</pre>
 */
public final class Cancellation {

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** A token that nobody cancels yet (batch lines, tests). */
    public static Cancellation create() {
        return new Cancellation();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} when cancelled; for loops between steps. */
    public void check(String what) {
        if (cancelled) {
            throw new CancelledException(what + ": cancelled");
        }
    }

    /**
     * Runs {@code action} on cancel (at once if already cancelled). Close the registration when
     * the guarded step is over so the callback does not fire later.
     */
    public Registration onCancel(Runnable action) {
        callbacks.add(action);
        if (cancelled) {
            fire(action);
        }
        return () -> callbacks.remove(action);
    }

    /** Cancels: called by the shell's Ctrl-C handler, from another thread. Idempotent. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        callbacks.forEach(Cancellation::fire);
    }

    private static void fire(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A failing close on cancel must not stop the other callbacks; the command reports its outcome.
        }
    }

    /** A registered callback; close it to unregister. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
