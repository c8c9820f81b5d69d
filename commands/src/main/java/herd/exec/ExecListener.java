package herd.exec;

/**
 * Receives the events of a run, one at a time (calls never overlap), from the engine's threads.
 * {@code ExecListener ignore = e -> { };}
 */
@FunctionalInterface
public interface ExecListener {

    void on(ExecEvent event);
}
