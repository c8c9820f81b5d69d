package herd.shell;

import java.io.Writer;
import org.jline.reader.LineReader;

/**
 * A writer whose complete lines are printed above the prompt ({@link LineReader#printAbove}), so
 * background jobs can print while the person types; a partial line waits for its end.
 */
final class AboveWriter extends Writer {

    private final LineReader reader;
    private final StringBuilder pending = new StringBuilder();

    AboveWriter(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (c == '\n') {
                reader.printAbove(pending.toString());
                pending.setLength(0);
            } else if (c != '\r') {
                pending.append(c);
            }
        }
    }

    @Override
    public void flush() {
        // Lines are printed as soon as they are complete.
    }

    @Override
    public void close() {
        flush();
    }
}
