package herd.net;

import herd.error.HerdException;

/** A refused or failed net request (unknown node, missing setting, unreadable secret): one line. */
public class NetException extends HerdException {
    private static final long serialVersionUID = 1L;

    public NetException(String message) {
        super(message);
    }
}
