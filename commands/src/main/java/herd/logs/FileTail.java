package herd.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code tail -F} for one file: complete lines only, and it keeps following across rotation
 * (the path now names another file: the old one is drained, the new one read from its start)
 * and truncation (copytruncate: read again from the start). A missing file is waited for.
 */
final class FileTail {

    private final Path path;
    private final Duration poll;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    FileTail(Path path, Duration poll) {
        this.path = path;
        this.poll = poll;
    }

    /** Follows until {@code stopped} says so; each complete line goes to {@code sink}. */
    void run(boolean fromStart, BooleanSupplier stopped, Consumer<String> sink) throws IOException, InterruptedException {
        FileChannel ch = null;
        Object key = null;
        long pos = 0;
        try {
            while (!stopped.getAsBoolean()) {
                if (ch == null) {
                    ch = open();
                    if (ch == null) {
                        fromStart = true; // a file that appears later is read whole
                        Thread.sleep(poll.toMillis());
                        continue;
                    }
                    key = fileKey();
                    pos = fromStart ? 0 : ch.size();
                    fromStart = true; // so is the file that replaces a rotated one
                }
                long read = drain(ch, pos, sink);
                pos += read;
                if (read > 0) {
                    continue;
                }
                Object now = fileKey();
                if (now == null || !Objects.equals(now, key)) {
                    if (now != null) {
                        pos += drain(ch, pos, sink); // lines written just before the rename
                        flushPartial(sink);
                        ch.close();
                        ch = null;
                    }
                } else if (ch.size() < pos) {
                    partial.reset();
                    pos = 0;
                }
                if (ch != null) {
                    Thread.sleep(poll.toMillis());
                }
            }
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
    }

    private FileChannel open() throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private Object fileKey() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private long drain(FileChannel ch, long pos, Consumer<String> sink) throws IOException {
        long total = 0;
        int n;
        while ((n = ch.read(buffer.clear(), pos + total)) > 0) {
            total += n;
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, start, i - start);
                    emit(sink);
                    start = i + 1;
                }
            }
            partial.write(bytes, start, n - start);
        }
        return total;
    }

    private void flushPartial(Consumer<String> sink) {
        if (partial.size() > 0) {
            emit(sink);
        }
    }

    private void emit(Consumer<String> sink) {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
