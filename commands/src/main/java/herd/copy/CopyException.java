package herd.copy;

import herd.error.HerdException;

/** A copy that cannot start: no source, no destination, a local source that does not exist. */
public class CopyException extends HerdException {
    private static final long serialVersionUID = 1L;

    public CopyException(String message) {
        super(message);
    }
}
