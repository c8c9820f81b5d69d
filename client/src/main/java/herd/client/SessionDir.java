package herd.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where a user's session sockets live: {@code $XDG_RUNTIME_DIR/herd/}, else {@code /tmp/herd-UID/};
 * made mode 0700 and refused when another user owns it or others can enter it, as ssh-agent
 * refuses a socket directory it cannot trust.
 *
 * <pre>{@code
 * Path dir = SessionDir.of(System.getenv());        // /run/user/1000/herd
 * }</pre>
 */
public final class SessionDir {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private SessionDir() {
    }

    /** The directory, made when missing; a {@link ClientException} when it cannot be trusted. */
    public static Path of(Map<String, String> env) {
        long uid = uid();
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "herd") : Path.of("/tmp", "herd-" + uid);
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // Another client made it at the same moment: checked below like any other.
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new ClientException(dir + " is not a directory: refusing to put a session socket there");
            }
            long owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (owner != uid || !mode.equals(PRIVATE)) {
                throw new ClientException(dir + " belongs to uid " + owner + " with mode "
                        + PosixFilePermissions.toString(mode) + " (want uid " + uid + ", rwx------):"
                        + " refusing to put a session socket there");
            }
            return dir;
        } catch (IOException e) {
            throw new ClientException("cannot make " + dir + ": " + e.getMessage());
        }
    }

    /** This process's real user id (the owner of /proc/self). */
    static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new ClientException("cannot read this process's user id: " + e.getMessage());
        }
    }
}
