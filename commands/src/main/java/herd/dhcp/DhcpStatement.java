package herd.dhcp;

import java.util.List;
import java.util.Locale;

/**
 * One {@code ...;} statement inside a host block. Its key is the words naming it, in lower case
 * as dhcpd's keywords are case-insensitive ({@code hardware ethernet}, {@code option host-name},
 * {@code fixed-address}); the value is the rest, up to the semicolon.
 */
record DhcpStatement(List<DhcpToken> tokens, int start, int end, String key) {

    static DhcpStatement of(List<DhcpToken> tokens, int start, int end) {
        String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
        String key = keyLength(tokens) == 2 ? first + " " + tokens.get(1).text().toLowerCase(Locale.ROOT) : first;
        return new DhcpStatement(tokens, start, end, key);
    }

    private int keyLength() {
        return keyLength(tokens);
    }

    private static int keyLength(List<DhcpToken> tokens) {
        String first = tokens.get(0).text();
        boolean twoWords = first.equalsIgnoreCase("hardware") || first.equalsIgnoreCase("option");
        return twoWords && tokens.size() > 1 ? 2 : 1;
    }

    /** Offset just after the key's last word. */
    int keyEnd() {
        return tokens.get(keyLength() - 1).end();
    }

    List<DhcpToken> valueTokens() {
        return tokens.subList(Math.min(keyLength(), tokens.size()), tokens.size());
    }

    /** First value word or string (unquoted), "" when the statement has none. */
    String value() {
        List<DhcpToken> v = valueTokens();
        return v.isEmpty() ? "" : v.get(0).value();
    }

    /** The value words without their commas: the addresses of {@code fixed-address a, b}. */
    List<String> values() {
        return valueTokens().stream().filter(t -> !t.is(DhcpToken.Kind.COMMA)).map(DhcpToken::value).toList();
    }

    /** Offset of the value text (just after the key and its blank). */
    int valueStart() {
        List<DhcpToken> v = valueTokens();
        return v.isEmpty() ? end - 1 : v.get(0).start();
    }

    /** Offset of the terminating semicolon. */
    int valueEnd() {
        return end - 1;
    }
}
