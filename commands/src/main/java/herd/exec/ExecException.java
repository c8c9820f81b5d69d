package herd.exec;

/** A run that cannot start: a bad request (no command, fanout below 1, an unknown node). */
public class ExecException extends RuntimeException {

    public ExecException(String message) {
        super(message);
    }
}
