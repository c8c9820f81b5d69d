package herd.bmc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * A node's console log, {@code DIR/NODE.log}, appended to by every console session on the node:
 * each line of console output starts with the time its first byte arrived; sessions are framed by
 * {@code === ... ===} lines. Only output is logged (what is typed may be a password; the node's
 * echo shows the rest). The file is created owner-only.
 */
final class ConsoleLog implements AutoCloseable {

    private final String node;
    private final Path file;
    private final OutputStream out;
    private final Clock clock;
    private final Consumer<ConsoleLine> lines;
    private final StringBuilder line = new StringBuilder();
    private Instant lineTime;

    ConsoleLog(Path dir, String node, Clock clock, Consumer<ConsoleLine> lines) {
        this.node = node;
        this.file = dir.resolve(node + ".log");
        this.clock = clock;
        this.lines = lines;
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            this.out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BmcException(file.toString(), "cannot open console log: " + e.getMessage(),
                    herd.session.Reason.FAILED, e);
        }
    }

    Path file() {
        return file;
    }

    synchronized void mark(String text) {
        finishLine();
        write("=== " + clock.instant().truncatedTo(ChronoUnit.MILLIS) + " " + node + ": " + text + " ===\n");
    }

    synchronized void output(byte[] bytes) {
        for (char c : new String(bytes, StandardCharsets.UTF_8).toCharArray()) {
            if (c == '\r') {
                continue;
            }
            if (lineTime == null) {
                lineTime = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            }
            if (c == '\n') {
                finishLine();
            } else {
                line.append(c);
            }
        }
    }

    private void finishLine() {
        if (lineTime == null) {
            return;
        }
        String text = line.toString();
        write(lineTime + " " + text + "\n");
        lines.accept(new ConsoleLine(node, lineTime, text));
        line.setLength(0);
        lineTime = null;
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new BmcException(file.toString(), "cannot write console log: " + e.getMessage(),
                    herd.session.Reason.FAILED, e);
        }
    }

    @Override
    public synchronized void close() {
        finishLine();
        try {
            out.close();
        } catch (IOException e) {
            throw new BmcException(file.toString(), "cannot close console log: " + e.getMessage(),
                    herd.session.Reason.FAILED, e);
        }
    }
}
