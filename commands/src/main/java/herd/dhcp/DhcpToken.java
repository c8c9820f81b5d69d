package herd.dhcp;

import herd.files.FileEditException;
import herd.files.Text;
import java.util.ArrayList;
import java.util.List;

/** One token of dhcpd.conf, with its exact place in the text ({@code [start, end)}). */
record DhcpToken(Kind kind, int start, int end, String text) {

    enum Kind { WORD, STRING, LBRACE, RBRACE, SEMI, COMMA, COMMENT }

    boolean is(Kind k) {
        return kind == k;
    }

    /** The value of a quoted string (escapes kept as written), or the word itself. */
    String value() {
        return kind == Kind.STRING ? text.substring(1, text.length() - 1) : text;
    }

    /** Splits the whole text into tokens; whitespace is what lies between them. */
    static List<DhcpToken> tokenize(String path, String text) {
        List<DhcpToken> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            Kind kind;
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                kind = Kind.COMMENT;
            } else if (c == '"') {
                i = endOfString(path, text, i);
                kind = Kind.STRING;
            } else if ("{};,".indexOf(c) >= 0) {
                i++;
                kind = c == '{' ? Kind.LBRACE : c == '}' ? Kind.RBRACE : c == ';' ? Kind.SEMI : Kind.COMMA;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "{};,\"#".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                kind = Kind.WORD;
            }
            tokens.add(new DhcpToken(kind, start, i, text.substring(start, i)));
        }
        return tokens;
    }

    private static int endOfString(String path, String text, int open) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new FileEditException(path, Text.lineOf(text, open), "unterminated string");
    }
}
