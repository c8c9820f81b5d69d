package herd.dhcp;

/** Line arithmetic on dhcpd.conf text, LF or CRLF: where lines start and end, their indentation, blank lines. */
final class DhcpText {

    private DhcpText() {
    }

    static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /** Offset of the line terminator ending the line of {@code offset} (or the text's end). */
    static int lineEnd(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        if (nl < 0) {
            return text.length();
        }
        return nl > offset && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    /** Offset just after the line of {@code offset}, terminator included. */
    static int nextLineStart(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    static String indentOf(String text, int offset) {
        int s = lineStart(text, offset);
        int e = s;
        while (e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t')) {
            e++;
        }
        return text.substring(s, e);
    }

    static boolean onlySpaceBefore(String text, int offset) {
        return text.substring(lineStart(text, offset), offset).isBlank();
    }

    static boolean onlySpaceOrCommentAfter(String text, int offset) {
        String rest = text.substring(offset, lineEnd(text, offset)).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    /** Blank lines just above the line of {@code offset}. */
    static int blankLinesAbove(String text, int offset) {
        int n = 0;
        int s = lineStart(text, offset);
        while (s > 0 && text.substring(lineStart(text, s - 1), s).isBlank()) {
            n++;
            s = lineStart(text, s - 1);
        }
        return n;
    }

    /** Blank lines from the line starting at {@code lineStart} on. */
    static int blankLinesBelow(String text, int lineStart) {
        int n = 0;
        int s = lineStart;
        while (s < text.length() && text.substring(s, nextLineStart(text, s)).isBlank()) {
            n++;
            s = nextLineStart(text, s);
        }
        return n;
    }
}
