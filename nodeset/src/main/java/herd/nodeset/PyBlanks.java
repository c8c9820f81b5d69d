package herd.nodeset;

/**
 * White space as Python's {@code str.isspace()}, {@code strip()} and {@code split()} see it, which
 * is what ClusterShell uses: Java's {@link Character#isWhitespace} leaves out the no-break spaces
 * (U+00A0, U+2007, U+202F) that node lists pasted from a web page or a spreadsheet carry.
 *
 * <pre>{@code
 * PyBlanks.strip("\u00a0n1 ");          // "n1"
 * PyBlanks.split("n1\u00a0n2\u3000n3"); // [n1, n2, n3]
 * }</pre>
 */
public final class PyBlanks {

    private PyBlanks() {
    }

    /** Python's {@code c.isspace()}. */
    public static boolean isSpace(char c) {
        return c <= ' ' ? c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001c'
                : c == '\u0085' || c == '\u00a0' || c == '\u1680' || c >= '\u2000' && c <= '\u200a'
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    public static String strip(String s) {
        return stripTrailing(stripLeading(s));
    }

    public static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    public static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code s.split()}: the words between runs of white space, none empty. */
    public static java.util.List<String> split(String s) {
        java.util.List<String> words = new java.util.ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(s.substring(start, i));
            }
        }
        return words;
    }
}
