package herd.client;

/** A session call that cannot be made; its message is the one line the user reads after "herd: ". */
public final class ClientException extends RuntimeException {
    private final int status;

    public ClientException(String message) {
        this(message, 1);
    }

    public ClientException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
