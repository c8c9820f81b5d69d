package herd.audit;

import herd.nodeset.NodeSet;
import herd.session.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which records {@code audit} shows: since a time, by a user (the OS user or the one who ran
 * sudo), touching a node.
 *
 * <pre>{@code
 * new AuditQuery(AuditQuery.since("2h", clock), "alice", NodeSet.parse("valkyrie04")).select(records);
 * }</pre>
 *
 * @param since null = from the start
 * @param user  null = anyone
 * @param nodes null = any; else records whose nodes meet these
 */
public record AuditQuery(Instant since, String user, NodeSet nodes) {
    private static final Pattern AGO = Pattern.compile("(\\d+)([smhd])");

    public List<AuditRecord> select(List<AuditRecord> records) {
        return records.stream().filter(this::matches).toList();
    }

    boolean matches(AuditRecord r) {
        return (since == null || !r.time().isBefore(since))
                && (user == null || user.equals(r.user()) || user.equals(r.sudoUser()))
                && (nodes == null || !r.nodeSet().intersection(nodes).isEmpty());
    }

    /**
     * {@code --since}: a duration ago ({@code 90s}, {@code 15m}, {@code 2h}, {@code 3d}), a local
     * date ({@code 2026-12-07}) or time ({@code 2026-12-07T08:00}, {@code 2026-12-07 08:00:30}),
     * or an instant with its offset ({@code 2026-12-07T08:00:00Z}).
     */
    public static Instant since(String text, Clock clock) {
        String t = text.strip().replace(' ', 'T');
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration d = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(clock.getZone()).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("audit: --since: expected a time (2026-12-07, 2026-12-07T08:00, 2026-12-07T08:00Z)"
                    + " or a duration ago (90s, 15m, 2h, 3d), got \"" + text + "\"");
        }
    }
}
