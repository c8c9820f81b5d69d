package herd.files;

import java.io.IOException;

/**
 * Where the managed files live: this machine ({@link LocalFileAccess}) or, later, the management
 * node over SFTP. Contents are bytes: editors decode them losslessly with {@link Text}.
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
     * Replaces the file atomically (temporary file in the same directory, then rename), keeping
     * its owner, group and mode, after copying the old content to {@link #backupOf(String)}.
     */
    void replace(String path, byte[] content) throws IOException;

    /** Where {@link #replace} keeps the previous content. */
    default String backupOf(String path) {
        return path + ".herd-bak";
    }
}
