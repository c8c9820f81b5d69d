package herd.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who runs a command, as the audit log names them: the OS user, the user sudo was run by, and the
 * process. A shared session (one herd serving several clients) gives each client's own.
 *
 * <pre>{@code
 * Caller me = Caller.ofThisProcess(System.getenv());   // root (uid 0), sudoUser alice, pid 4242
 * }</pre>
 *
 * @param user     the OS user name
 * @param uid      its numeric id, -1 when unknown
 * @param sudoUser {@code SUDO_USER} (who ran sudo), or null
 * @param pid      the process that typed the command
 */
public record Caller(String user, long uid, String sudoUser, long pid) {

    public static Caller ofThisProcess(Map<String, String> env) {
        return new Caller(System.getProperty("user.name"), processUid(), env.get("SUDO_USER"), ProcessHandle.current().pid());
    }

    /** This process's real user id (the JDK reads it as the owner attribute of /proc/self). */
    static long processUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
