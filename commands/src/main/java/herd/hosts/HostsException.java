package herd.hosts;

import herd.error.HerdException;
/** A refused /etc/hosts request (unknown or duplicate name, bad address): one line. */
public class HostsException extends HerdException {
    private static final long serialVersionUID = 1L;

    public HostsException(String message) {
        super(message);
    }
}
