package herd.dns;

import herd.error.HerdException;
/** A refused or failed DNS request (unknown zone, duplicate record, update refused): one line. */
public class DnsException extends HerdException {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
