package herd.logs;

/** Receives a follow job's events, one at a time (calls never overlap), on the job's threads. */
@FunctionalInterface
public interface FollowListener {
    void on(FollowEvent event);
}
