package herd.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One raw line from a source, split into its syslog parts when it has them.
 *
 * @param source  the source's label ({@code /var/log/dhcpd.log}, {@code journal:dhcpd})
 * @param time    when it was logged (from the line, else when it was read)
 * @param host    the logging host ("" when the format has none)
 * @param program the program ({@code dhcpd}, {@code in.tftpd}; "" for access logs)
 * @param message the text after the syslog prefix (the whole line when there is none)
 * @param raw     the line as read
 */
public record LogLine(String source, Instant time, String host, String program, String message, String raw) {

    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raw, "raw");
    }
}
