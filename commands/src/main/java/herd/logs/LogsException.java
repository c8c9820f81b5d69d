package herd.logs;

import herd.error.HerdException;

/** A log source or follow problem, as one line naming the source: {@code /var/log/dhcpd.log: no such file}. */
public class LogsException extends HerdException {

    public LogsException(String message) {
        super(message);
    }

    public LogsException(String message, Throwable cause) {
        super(message, cause);
    }
}
