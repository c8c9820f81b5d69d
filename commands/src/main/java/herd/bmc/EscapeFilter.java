package herd.bmc;

import java.io.ByteArrayOutputStream;

/**
 * The console's escapes, as ssh has them: at the start of a line, {@code ~.} ends the console,
 * {@code ~?} lists the escapes, {@code ~B} sends a break and {@code ~~} sends one {@code ~}; any
 * other byte after {@code ~} is sent with the {@code ~}. The escape character is configurable.
 *
 * <pre>{@code
 * EscapeFilter f = new EscapeFilter('~');
 * f.feed("ls\r~.".getBytes(), 5, handler);   // handler.send("ls\r"), then handler.action(EXIT)
 * }</pre>
 */
final class EscapeFilter {

    enum Action { EXIT, HELP, BREAK }

    interface Handler {
        void send(byte[] bytes);

        void action(Action action);
    }

    private final byte escape;
    private boolean lineStart = true;
    private boolean pending;

    EscapeFilter(char escape) {
        this.escape = (byte) escape;
    }

    /** The help text of {@code ~?}, with the configured escape character. */
    String help() {
        char e = (char) escape;
        return "\r\nSupported escape sequences (at the start of a line):\r\n"
                + e + ".  end the console and return to herd\r\n"
                + e + "B  send a break\r\n"
                + e + "?  this help\r\n"
                + e + e + "  send the escape character\r\n";
    }

    void feed(byte[] buffer, int length, Handler handler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (pending) {
                pending = false;
                Action action = switch (b) {
                    case '.' -> Action.EXIT;
                    case '?' -> Action.HELP;
                    case 'B' -> Action.BREAK;
                    default -> null;
                };
                if (action != null) {
                    flush(out, handler);
                    handler.action(action);
                    if (action == Action.EXIT) {
                        return;
                    }
                    continue;
                }
                out.write(escape);
                if (b == escape) {
                    lineStart = false;
                    continue;
                }
            } else if (lineStart && b == escape) {
                pending = true;
                continue;
            }
            out.write(b);
            lineStart = b == '\r' || b == '\n';
        }
        flush(out, handler);
    }

    private static void flush(ByteArrayOutputStream out, Handler handler) {
        if (out.size() > 0) {
            handler.send(out.toByteArray());
            out.reset();
        }
    }
}
