package herd.nodeset.cli;

/** The two bits of Python string handling nodeset exposes: -S escapes and -O '%' formats. */
final class PyText {
    private PyText() {
    }

    /**
     * The -S separator as ClusterShell gets it: {@code eval("\'\'\'" + s + "\'\'\'")}, so every escape
     * of a Python 3 string literal ({@code \\n}, {@code \\101}, {@code \\x41}, {@code \\u00e9},
     * {@code \\U0001F600}, {@code \\N{BULLET}}; unknown ones stay as typed), and a quote that closes
     * the literal early is an error, unless what follows is more literals ({@code a''}).
     */
    static String unescape(String s) {
        String code = "\'\'\'" + s + "\'\'\'";
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\'' || c == '"') {
                i = literal(code, i, out);
            } else {
                throw invalid();
            }
        }
        return out.toString();
    }

    /** Decodes the string literal opening at {@code i}; returns the index after its closing quote. */
    private static int literal(String code, int i, StringBuilder out) {
        char q = code.charAt(i);
        boolean triple = code.startsWith(String.valueOf(q).repeat(3), i);
        String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        i += close.length();
        while (i < code.length()) {
            char c = code.charAt(i);
            if (code.startsWith(close, i)) {
                return i + close.length();
            }
            if (c == '\n' && !triple) {
                throw invalid();
            }
            if (c == '\\') {
                i = escape(code, i + 1, out);
            } else {
                out.append(c);
                i++;
            }
        }
        throw invalid();
    }

    /** The escape after a backslash at {@code i - 1}; returns the index after it. */
    private static int escape(String code, int i, StringBuilder out) {
        if (i >= code.length()) {
            throw invalid();
        }
        char d = code.charAt(i);
        switch (d) {
            case '\n' -> { return i + 1; }
            case '\\', '\'', '"' -> out.append(d);
            case 'a' -> out.append('\007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\013');
            case 'x' -> { return hex(code, i + 1, 2, out); }
            case 'u' -> { return hex(code, i + 1, 4, out); }
            case 'U' -> { return hex(code, i + 1, 8, out); }
            case 'N' -> { return named(code, i + 1, out); }
            default -> {
                if (d >= '0' && d <= '7') {
                    int end = i;
                    while (end < i + 3 && end < code.length() && code.charAt(end) >= '0' && code.charAt(end) <= '7') {
                        end++;
                    }
                    out.append((char) Integer.parseInt(code.substring(i, end), 8));
                    return end;
                }
                out.append('\\').append(d);
            }
        }
        return i + 1;
    }

    private static int hex(String code, int from, int n, StringBuilder out) {
        if (!isHex(code, from, n)) {
            throw invalid();
        }
        long v = Long.parseLong(code.substring(from, from + n), 16);
        if (v > Character.MAX_CODE_POINT || v >= Character.MIN_SURROGATE && v <= Character.MAX_SURROGATE) {
            throw invalid();
        }
        out.appendCodePoint((int) v);
        return from + n;
    }

    private static int named(String code, int from, StringBuilder out) {
        int end = code.indexOf('}', from);
        if (from >= code.length() || code.charAt(from) != '{' || end < 0) {
            throw invalid();
        }
        String name = code.substring(from + 1, end);
        if (name.isEmpty() || !name.equals(name.strip())) {
            throw invalid();
        }
        try {
            out.appendCodePoint(Character.codePointOf(name));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        return end + 1;
    }

    private static boolean isHex(String s, int from, int n) {
        if (from + n > s.length()) {
            return false;
        }
        for (int i = from; i < from + n; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("invalid separator");
    }

    /** Python's {@code fmt % value} for one value: %s, %d, %r-free subset with flags and width. */
    static String format(String fmt, Object value) {
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            int j = i + 1;
            while (j < fmt.length() && "-+ 0#".indexOf(fmt.charAt(j)) >= 0) {
                j++;
            }
            while (j < fmt.length() && Character.isDigit(fmt.charAt(j))) {
                j++;
            }
            if (j >= fmt.length()) {
                throw new IllegalArgumentException("incomplete format");
            }
            char conv = fmt.charAt(j);
            String spec = fmt.substring(i + 1, j);
            if (conv == '%' && spec.isEmpty()) {
                sb.append('%');
            } else if (conv == 's' || conv == 'd' && value instanceof Long) {
                if (used++ > 0) {
                    throw new IllegalArgumentException("not enough arguments for format string");
                }
                sb.append(String.format("%" + spec.replace("#", "") + (conv == 'd' ? "d" : "s"), value));
            } else {
                throw new IllegalArgumentException("unsupported format character '" + conv + "'");
            }
            i = j;
        }
        if (used == 0) {
            throw new IllegalArgumentException("not all arguments converted during string formatting");
        }
        return sb.toString();
    }
}
