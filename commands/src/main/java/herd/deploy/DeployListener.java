package herd.deploy;

/** Receives the tracker's events (on the thread that fed the tracker). */
@FunctionalInterface
public interface DeployListener {
    void on(DeployEvent event);
}
