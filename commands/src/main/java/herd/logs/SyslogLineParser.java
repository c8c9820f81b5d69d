package herd.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Splits a raw line into a {@link LogLine}: traditional syslog ({@code Nov 25 17:31:01 odin dhcpd[7791]: ...},
 * as rsyslog and {@code journalctl} print it), ISO syslog ({@code journalctl -o short-iso}, RFC 3339),
 * journald JSON ({@code journalctl -o json}), or a plain line (access logs).
 */
public final class SyslogLineParser {

    private static final Pattern TRADITIONAL = Pattern.compile(
            "^([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) (\\S+) ([^\\s\\[:]+)(?:\\[\\d+])?: (.*)$");
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)) (\\S+) ([^\\s\\[:]+)(?:\\[\\d+])?: (.*)$");
    private static final DateTimeFormatter TRADITIONAL_TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ENGLISH);

    private final ZoneId zone;

    /** {@code zone}: the time zone of traditional syslog stamps (they carry none). */
    public SyslogLineParser(ZoneId zone) {
        this.zone = zone;
    }

    public LogLine split(String source, String raw, Instant readAt) {
        if (raw.startsWith("{")) {
            return json(source, raw, readAt);
        }
        Matcher m = TRADITIONAL.matcher(raw);
        if (m.matches()) {
            return new LogLine(source, traditional(m.group(1), readAt), m.group(2), m.group(3), m.group(4), raw);
        }
        m = ISO.matcher(raw);
        if (m.matches()) {
            return new LogLine(source, iso(m.group(1), readAt), m.group(2), m.group(3), m.group(4), raw);
        }
        return new LogLine(source, readAt, "", "", raw, raw);
    }

    private Instant traditional(String stamp, Instant readAt) {
        try {
            int year = Year.now(zone).getValue();
            String normalized = year + " " + stamp.replaceAll("\\s+", " ");
            Instant t = LocalDateTime.parse(normalized, TRADITIONAL_TIME).atZone(zone).toInstant();
            // A December line read in January belongs to last year.
            return t.isAfter(readAt.plusSeconds(86_400))
                    ? LocalDateTime.parse((year - 1) + normalized.substring(4), TRADITIONAL_TIME).atZone(zone).toInstant()
                    : t;
        } catch (DateTimeParseException e) {
            return readAt;
        }
    }

    private static Instant iso(String stamp, Instant readAt) {
        try {
            String fixed = stamp.matches(".*[+-]\\d{4}$") ? stamp.substring(0, stamp.length() - 2) + ":"
                    + stamp.substring(stamp.length() - 2) : stamp;
            return OffsetDateTime.parse(fixed).toInstant();
        } catch (DateTimeParseException e) {
            return readAt;
        }
    }

    /** journald JSON: MESSAGE, SYSLOG_IDENTIFIER (or _COMM), _HOSTNAME, __REALTIME_TIMESTAMP (µs). */
    private static LogLine json(String source, String raw, Instant readAt) {
        Map<?, ?> fields;
        try {
            Object o = new Yaml(new LoaderOptions()).load(raw);
            if (!(o instanceof Map<?, ?> m)) {
                return new LogLine(source, readAt, "", "", raw, raw);
            }
            fields = m;
        } catch (YAMLException e) {
            return new LogLine(source, readAt, "", "", raw, raw);
        }
        Instant time = readAt;
        Object micros = fields.get("__REALTIME_TIMESTAMP");
        if (micros != null && micros.toString().matches("\\d+")) {
            long us = Long.parseLong(micros.toString());
            time = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        }
        String program = text(fields.get("SYSLOG_IDENTIFIER"));
        if (program.isEmpty()) {
            program = text(fields.get("_COMM"));
        }
        return new LogLine(source, time, text(fields.get("_HOSTNAME")), program, message(fields.get("MESSAGE")), raw);
    }

    /** MESSAGE is a string, or an array of bytes when the text is not valid UTF-8. */
    private static String message(Object value) {
        if (value instanceof java.util.List<?> bytes) {
            byte[] b = new byte[bytes.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = ((Number) bytes.get(i)).byteValue();
            }
            return new String(b, java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
        }
        return text(value);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
