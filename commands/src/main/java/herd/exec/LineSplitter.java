package herd.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Cuts a byte stream into UTF-8 lines (without "\n" or "\r\n"); bytes of a partial line wait. */
final class LineSplitter {

    private final Consumer<String> sink;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LineSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    void accept(byte[] buf, int len) {
        int from = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                partial.write(buf, from, i - from);
                emit();
                from = i + 1;
            }
        }
        partial.write(buf, from, len - from);
    }

    /** Emits what is left, as the last line. */
    void finish() {
        if (partial.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
