package herd.dns;

/**
 * Visual columns of a template line (tab stops every 8), so that a new record lines up with its
 * neighbours whether they are aligned with spaces or with tabs.
 */
final class ZoneLayout {
    private final String line;
    private final int base;

    ZoneLayout(String line, int base) {
        this.line = line;
        this.base = base;
    }

    static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** Pads {@code b} up to the column where {@code token} starts in the template. */
    void padTo(StringBuilder b, ZoneToken token) {
        int offset = token.start() - base;
        int target = column(line, offset);
        boolean tabs = offset > 0 && line.charAt(offset - 1) == '\t';
        int col = column(b, b.length());
        if (tabs) {
            do {
                b.append('\t');
                col = (col / 8 + 1) * 8;
            } while (col < target);
        } else {
            b.append(" ".repeat(Math.max(1, target - col)));
        }
    }

    private static int column(CharSequence s, int upTo) {
        int col = 0;
        for (int i = 0; i < upTo; i++) {
            col = s.charAt(i) == '\t' ? (col / 8 + 1) * 8 : col + 1;
        }
        return col;
    }
}
