package herd.dhcp;

import java.util.List;

/**
 * One {@code ...;} statement inside a host block. Its key is the words naming it
 * ({@code hardware ethernet}, {@code option host-name}, {@code fixed-address}); the value is the
 * rest, up to the semicolon.
 */
record DhcpStatement(List<DhcpToken> tokens, int start, int end) {

    String key() {
        String first = tokens.get(0).text();
        boolean twoWords = (first.equals("hardware") || first.equals("option")) && tokens.size() > 1;
        return twoWords ? first + " " + tokens.get(1).text() : first;
    }

    private int keyLength() {
        return key().contains(" ") ? 2 : 1;
    }

    List<DhcpToken> valueTokens() {
        return tokens.subList(Math.min(keyLength(), tokens.size()), tokens.size());
    }

    /** First value word or string (unquoted), "" when the statement has none. */
    String value() {
        List<DhcpToken> v = valueTokens();
        return v.isEmpty() ? "" : v.get(0).value();
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
