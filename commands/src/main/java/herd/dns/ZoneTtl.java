package herd.dns;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BIND TTL values: {@code 3600}, {@code 1h}, {@code 1w2d}, compared in seconds. */
final class ZoneTtl {
    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

    private ZoneTtl() {
    }

    /** The TTL in seconds; null when the text is not a TTL. */
    static Long seconds(String ttl) {
        String t = ttl.toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,10}")) {
            return Long.parseLong(t);
        }
        if (!t.matches("(\\d{1,10}[smhdw])+")) {
            return null;
        }
        long total = 0;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                default -> 604800;
            };
            total += Long.parseLong(m.group(1)) * unit;
        }
        return total;
    }
}
