package herd.ssh.config;

import java.util.List;
import java.util.Locale;

/**
 * A list of ssh_config host or user patterns, compiled once when the file is read and matched
 * without regular expressions, as OpenSSH's match_pattern_list does: {@code *} is any run of
 * characters, {@code ?} any one, a pattern starting with {@code !} excludes; the list matches when
 * some plain pattern matches and no excluding one does (so a list of exclusions alone never matches).
 *
 * <pre>{@code
 * Patterns.of(List.of("valkyrie*", "!valkyrie99"), false).matches("valkyrie07");   // true
 * Patterns.commaList("odin,THOR", true).matches("Thor");                           // true
 * }</pre>
 */
final class Patterns {

    private final String[] texts;
    private final boolean[] excluding;
    private final boolean[] literal;
    private final boolean ignoreCase;

    private Patterns(List<String> patterns, boolean ignoreCase) {
        int n = patterns.size();
        texts = new String[n];
        excluding = new boolean[n];
        literal = new boolean[n];
        this.ignoreCase = ignoreCase;
        for (int i = 0; i < n; i++) {
            String p = patterns.get(i);
            excluding[i] = p.startsWith("!");
            String text = excluding[i] ? p.substring(1) : p;
            texts[i] = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
            literal[i] = text.indexOf('*') < 0 && text.indexOf('?') < 0;
        }
    }

    /** The patterns of a {@code Host} line (one per word); OpenSSH compares them case-sensitively. */
    static Patterns of(List<String> patterns, boolean ignoreCase) {
        return new Patterns(patterns, ignoreCase);
    }

    /** A comma-separated list, as {@code Match host a,b,!c} takes. */
    static Patterns commaList(String list, boolean ignoreCase) {
        return new Patterns(List.of(list.split(",", -1)), ignoreCase);
    }

    /** The names this list matches when it is only plain names (no wildcard, no exclusion), else null. */
    List<String> plainNames() {
        for (int i = 0; i < texts.length; i++) {
            if (!literal[i] || excluding[i] || ignoreCase) {
                return null;
            }
        }
        return List.of(texts);
    }

    boolean matches(String text) {
        String s = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        boolean any = false;
        for (int i = 0; i < texts.length; i++) {
            if (literal[i] ? texts[i].equals(s) : glob(texts[i], s)) {
                if (excluding[i]) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** {@code *} and {@code ?} wildcards, backtracking only to the last star (linear in practice). */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && c != '*' && (c == '?' || c == text.charAt(t))) {
                p++;
                t++;
            } else if (c == '*' && p < pattern.length()) {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
