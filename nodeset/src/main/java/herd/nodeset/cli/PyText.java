package herd.nodeset.cli;

/** The two bits of Python string handling nodeset exposes: -S escapes and -O '%' formats. */
final class PyText {
    private PyText() {
    }

    /** Backslash escapes of a Python string literal, as nodeset applies them to -S. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char d = s.charAt(++i);
            switch (d) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\013');
                case '0' -> sb.append('\0');
                case '\\', '\'', '"' -> sb.append(d);
                case '\n' -> { }
                case 'x' -> {
                    if (i + 2 < s.length() + 0 && isHex(s, i + 1, 2)) {
                        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        throw new IllegalArgumentException("invalid separator");
                    }
                }
                default -> sb.append('\\').append(d);
            }
        }
        return sb.toString();
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
