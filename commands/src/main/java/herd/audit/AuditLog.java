package herd.audit;

import herd.inventory.Audit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log: one JSON line per changing command, appended with one {@code write(2)} on a file
 * opened {@code O_APPEND}, so that records of several herd processes never interleave; and, when
 * the inventory asks, a copy of each record to syslog.
 *
 * <pre>{@code
 * AuditLog log = AuditLog.of(inventory.audit(), System.getenv(), caller.uid());
 * log.check();            // before a changing command: throws when the log cannot be written
 * log.append(record);     // after it
 * log.forward(record);    // and to syslog (audit: {syslog: /dev/log})
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {

    private final Path file;
    private final boolean required;
    private final Syslog syslog;

    AuditLog(Path file, boolean required, Syslog syslog) {
        this.file = file;
        this.required = required;
        this.syslog = syslog;
    }

    /**
     * The log the inventory's {@code audit:} section names; its file defaults to $HERD_AUDIT_LOG,
     * else /var/log/herd/audit.log for root, else $XDG_STATE_HOME/herd/audit.log.
     */
    public static AuditLog of(Audit audit, Map<String, String> env, long uid) {
        Path file = audit.file() != null ? Path.of(audit.file()) : defaultFile(env, uid);
        return new AuditLog(file, audit.required(),
                audit.syslog() == null ? null : new Syslog(Path.of(audit.syslog()), audit.facility()));
    }

    static Path defaultFile(Map<String, String> env, long uid) {
        String override = env.get("HERD_AUDIT_LOG");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (uid == 0) {
            return Path.of("/var/log/herd/audit.log");
        }
        String state = Optional.ofNullable(env.get("XDG_STATE_HOME")).filter(s -> !s.isBlank())
                .orElse(Optional.ofNullable(env.get("HOME")).orElse(System.getProperty("user.home")) + "/.local/state");
        return Path.of(state, "herd", "audit.log");
    }

    public Path file() {
        return file;
    }

    /** Whether a log that cannot be written stops changing commands. */
    public boolean required() {
        return required;
    }

    /** Throws when the log cannot be appended to (the file is created if missing). */
    public void check() {
        try (FileChannel ignored = open()) {
            // opened for append: the next record can be written
        } catch (IOException e) {
            throw new AuditException(cannot(e));
        }
    }

    /** Appends one record as one line in one write. */
    public void append(AuditRecord record) {
        byte[] line = (record.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = open()) {
            int written = ch.write(ByteBuffer.wrap(line));
            if (written != line.length) {
                throw new IOException("short write (" + written + " of " + line.length + " bytes)");
            }
        } catch (IOException e) {
            throw new AuditException(cannot(e));
        }
    }

    /** Sends the record to syslog too, when the inventory asks for it; throws when that fails. */
    public void forward(AuditRecord record) {
        if (syslog != null) {
            syslog.send(record);
        }
    }

    /** Every record of {@code file}, oldest first; lines that are not records are an error naming FILE:LINE. */
    public static List<AuditRecord> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AuditException(file + ": cannot read: " + e.getMessage());
        }
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(AuditRecord.parse(lines.get(i)));
                } catch (AuditException e) {
                    throw new AuditException(file + ":" + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private FileChannel open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        }
        return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
    }

    private String cannot(IOException e) {
        String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? e.getMessage() + " is not a directory"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage());
        return "audit log " + file + " cannot be written: " + why;
    }

    @Override
    public void close() {
        // Nothing stays open between records: each append opens the file, so a rotated log is followed.
    }
}
