package herd.copy;

/** A copy that cannot start: no source, no destination, a local source that does not exist. */
public class CopyException extends RuntimeException {

    public CopyException(String message) {
        super(message);
    }
}
