package herd.dns;

/** A refused or failed DNS request (unknown zone, duplicate record, update refused): one line. */
public class DnsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
