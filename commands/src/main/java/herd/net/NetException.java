package herd.net;

import herd.error.HerdException;

/** A refused or failed net request (a sync or import that cannot go on): one line. */
public class NetException extends HerdException {
    private static final long serialVersionUID = 1L;

    public NetException(String message) {
        super(message);
    }
}
