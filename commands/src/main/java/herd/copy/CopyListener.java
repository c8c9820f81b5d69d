package herd.copy;

/** Receives a copy's events one at a time. {@code CopyListener ignore = e -> { };} */
@FunctionalInterface
public interface CopyListener {

    void on(CopyEvent event);
}
