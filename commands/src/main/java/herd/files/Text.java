package herd.files;

import java.nio.charset.StandardCharsets;

/**
 * Lossless byte/text conversion for hand-kept files: ISO-8859-1 maps every byte to one char and
 * back, so an untouched file, whatever its encoding, is written back byte for byte.
 */
public final class Text {
    private Text() {
    }

    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** For people: the same text shown as UTF-8 (comments in UTF-8 display correctly). */
    public static String display(String text) {
        return new String(encode(text), StandardCharsets.UTF_8);
    }

    /** The line terminator the text already uses ("\r\n" or "\n"). */
    public static String newline(String text) {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }

    /** 1-based line number of a char offset. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
