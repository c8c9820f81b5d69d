package herd.services;

import herd.error.HerdException;

/** A service setting herd cannot use (missing section, unreadable secret, unknown node): one line. */
public class ServicesException extends HerdException {
    private static final long serialVersionUID = 1L;

    public ServicesException(String message) {
        super(message);
    }
}
