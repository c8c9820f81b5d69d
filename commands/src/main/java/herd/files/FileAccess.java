package herd.files;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where the managed files live: this machine ({@link LocalFileAccess}) or the management node over
 * SFTP ({@link SftpFileAccess}). Contents are bytes: editors decode them losslessly with
 * {@link Text}. Checkers and apply commands run where the files are ({@link #run}), so that a
 * validator sees the same includes and the same server version as the file's real user.
 *
 * <pre>{@code
 * FileAccess files = new LocalFileAccess();
 * byte[] conf = files.read("/etc/dhcp/dhcpd.conf");
 * files.replace("/etc/dhcp/dhcpd.conf", edited);   // atomic, backup kept, owner and mode kept
 * }</pre>
 */
public interface FileAccess {

    /** The whole file. */
    byte[] read(String path) throws IOException;

    boolean exists(String path);

    /** Modification time in milliseconds, used to notice a file changed under an edit. */
    long modified(String path) throws IOException;

    /**
     * True when the file is no longer what was read at {@code readAt} with content {@code before}.
     * Where times are coarse (SFTP has whole seconds) the content is compared too.
     */
    default boolean changedSince(String path, long readAt, byte[] before) throws IOException {
        return modified(path) != readAt;
    }

    /**
     * Replaces the file atomically (temporary file in the same directory, then rename), keeping
     * its owner, group and mode, after copying the old content to {@link #backupOf(String)}.
     */
    void replace(String path, byte[] content) throws IOException;

    /** Where {@link #replace} keeps the previous content. */
    default String backupOf(String path) {
        return path + ".herd-bak";
    }

    boolean isDirectory(String path);

    /** A new private directory for scratch copies (a checker's input); remove it with {@link #deleteTree}. */
    String tempDir() throws IOException;

    /** Creates a new file (scratch copies only: not atomic, no backup). */
    void create(String path, byte[] content) throws IOException;

    /** Removes a scratch directory made by {@link #tempDir()}; failures are ignored. */
    void deleteTree(String dir);

    /** True when {@code program} can be run where the files are (the PATH, /usr/sbin and /sbin). */
    boolean installed(String program);

    /** Runs a program where the files are, stdout and stderr merged; a null {@code workDir} = any. */
    ProcessRunner.Result run(List<String> command, String workDir, Duration timeout) throws IOException;

    /** Runs a shell command line where the files are (the inventory's restart and rndc settings). */
    default ProcessRunner.Result shell(String commandLine, Duration timeout) throws IOException {
        return run(List.of("/bin/sh", "-c", commandLine), null, timeout);
    }

    /** "" for this machine, else " on NODE", for messages. */
    default String where() {
        return "";
    }
}
