package herd.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The session's background jobs (a {@code follow &}), numbered from 1, and where their output goes
 * while they are in the background: the interactive shell {@link #attach attaches} an Output that
 * prints above the prompt; without one (batch, {@code -c}) nothing can run in the background.
 *
 * <pre>{@code
 * Jobs jobs = session.resource(Jobs.class, Jobs::new);
 * Output above = jobs.background().orElseThrow();
 * int id = jobs.add(job);            // job.attach(above) is the caller's choice
 * jobs.get(id).ifPresent(j -> j.job().stop());
 * }</pre>
 */
public final class Jobs implements AutoCloseable {

    /** Something running on its own threads until it ends or is stopped. */
    public interface Job {
        /** One line for {@code jobs}, e.g. {@code follow /var/log/dhcpd.log}. */
        String description();

        boolean running();

        /** Stops it and waits (bounded) for its threads. */
        void stop();

        /** Waits until it ended or the timeout passed; true when it ended. */
        boolean await(Duration timeout);

        /** Where its output goes from now on (the background, or the command that brought it to the foreground). */
        void attach(Output out);

        /** Ctrl-C while it is in front: a follow stops; a deployment goes on in the background, silent. */
        default void leaveFront() {
            stop();
        }
    }

    /**
     * Waits while {@code job} runs in front of the prompt, until it ends or Ctrl-C makes it
     * {@linkplain Job#leaveFront() leave the front}; {@code tick} runs about twice a second (a
     * progress line). The interrupt Ctrl-C also sent is cleared: the command goes on to report.
     */
    public static void inFront(Job job, Cancellation cancel, Runnable tick) {
        inFront(job, cancel, () -> false, tick);
    }

    /** As {@link #inFront(Job, Cancellation, Runnable)}, and also over once {@code enough} says so (the job goes on). */
    public static void inFront(Job job, Cancellation cancel, java.util.function.BooleanSupplier enough, Runnable tick) {
        try (Cancellation.Registration r = cancel.onCancel(job::leaveFront)) {
            while (job.running() && !enough.getAsBoolean() && !cancel.isCancelled()) {
                job.await(Duration.ofMillis(500));
                tick.run();
            }
        } finally {
            if (cancel.isCancelled()) {
                Thread.interrupted();
            }
        }
    }

    /** A numbered job. */
    public record Entry(int id, Job job) {
    }

    private final Map<Integer, Job> jobs = new TreeMap<>();
    private int next = 1;
    private volatile Output background;

    /** Called by the interactive shell: background output printed above the prompt. */
    public void attach(Output above) {
        this.background = above;
    }

    /** The output of background jobs; empty outside the interactive shell. */
    public Optional<Output> background() {
        return Optional.ofNullable(background);
    }

    public synchronized int add(Job job) {
        int id = next++;
        jobs.put(id, job);
        return id;
    }

    /** Every job, by number. */
    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        jobs.forEach((id, job) -> out.add(new Entry(id, job)));
        return out;
    }

    public synchronized Optional<Entry> get(int id) {
        return Optional.ofNullable(jobs.get(id)).map(j -> new Entry(id, j));
    }

    /** The newest job, for {@code fg} without a number. */
    public synchronized Optional<Entry> latest() {
        return jobs.isEmpty() ? Optional.empty() : get(((TreeMap<Integer, Job>) jobs).lastKey());
    }

    public synchronized void remove(int id) {
        jobs.remove(id);
    }

    /** Stops every job (the session ends). */
    @Override
    public void close() {
        list().forEach(e -> e.job().stop());
        synchronized (this) {
            jobs.clear();
        }
    }
}
