package herd.files;

import herd.ssh.SshException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only way herd writes a hand-kept file: read, let an editor propose the new text, validate
 * every proposed file, and only when all pass write each one atomically with a backup.
 *
 * <pre>{@code
 * FileEditor editor = new FileEditor(new LocalFileAccess());
 * FileChange c = editor.open("/etc/hosts");
 * editor.commit(List.of(c.withAfter(newText)), Map.of("/etc/hosts", hostsChecker));
 * }</pre>
 */
public final class FileEditor {
    private final FileAccess files;
    private final Listener listener;

    /** Told of each file written (the audit log's "files changed"). */
    @FunctionalInterface
    public interface Listener {
        /** @param host the node the file is on, "" for this machine */
        void wrote(String path, String backup, String host);
    }

    public FileEditor(FileAccess files) {
        this(files, (path, backup, host) -> { });
    }

    private FileEditor(FileAccess files, Listener listener) {
        this.files = files;
        this.listener = listener;
    }

    /** This editor, telling {@code to} of every file it writes. */
    public FileEditor reporting(Listener to) {
        return new FileEditor(files, to);
    }

    public FileAccess files() {
        return files;
    }

    /** Reads a file as an unchanged {@link FileChange}. */
    public FileChange open(String path) {
        try {
            long at = files.modified(path);
            String text = Text.decode(files.read(path));
            return new FileChange(path, text, text, at);
        } catch (IOException e) {
            throw new FileEditException(path, 0, "cannot read: " + reason(e));
        }
    }

    /** Every problem of every changed file, by each file's checkers; empty = all valid. */
    public List<FileProblem> validate(List<FileChange> changes, Map<String, List<FileChecker>> checkers) {
        List<FileProblem> problems = new ArrayList<>();
        for (FileChange c : changes) {
            if (!c.changed()) {
                continue;
            }
            for (FileChecker checker : checkers.getOrDefault(c.path(), List.of())) {
                problems.addAll(checker.check(c.path(), c.after()));
            }
        }
        return problems;
    }

    /**
     * Validates all changes, then writes the changed files. Nothing is written when any file
     * fails validation or was modified by someone else since it was read.
     */
    public void commit(List<FileChange> changes, Map<String, List<FileChecker>> checkers) {
        List<FileProblem> problems = validate(changes, checkers);
        for (FileChange c : changes) {
            if (c.changed() && changedSince(c)) {
                problems.add(new FileProblem(c.path(), 0, "changed by someone else while herd edited it; run again"));
            }
        }
        if (!problems.isEmpty()) {
            throw new FileEditException(problems);
        }
        for (FileChange c : changes) {
            if (c.changed()) {
                try {
                    files.replace(c.path(), Text.encode(c.after()));
                    listener.wrote(c.path(), files.backupOf(c.path()), files.where().replaceFirst("^ on ", ""));
                } catch (IOException e) {
                    throw new FileEditException(c.path(), 0, "cannot write: " + reason(e));
                }
            }
        }
    }

    private boolean changedSince(FileChange c) {
        try {
            return files.changedSince(c.path(), c.readAt(), Text.encode(c.before()));
        } catch (IOException e) {
            throw new FileEditException(c.path(), 0, "cannot read: " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof SshException) {
            return m;   // already "NODE: problem"
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : " " + m);
    }
}
