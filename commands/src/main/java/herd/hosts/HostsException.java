package herd.hosts;

/** A refused /etc/hosts request (unknown or duplicate name, bad address): one line. */
public class HostsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostsException(String message) {
        super(message);
    }
}
