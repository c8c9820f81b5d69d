package herd.exec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether a command runs under sudo. With a password, it is written to sudo's standard input (never
 * on a command line, so never in a process list); the command itself then reads /dev/null.
 * Under sudo, the command first writes {@link #RAN} to its standard error: what comes before is
 * sudo's own (its {@link #PROMPT}s and messages, in any language), what follows is the command's.
 *
 * <pre>{@code
 * Sudo.NONE.wrap("id -u");                 // id -u
 * Sudo.NO_PASSWORD.wrap("id -u");          // sudo -n -- sh -c 'echo herd:sudo:ran >&2; (watchdog) & id -u'
 * }</pre>
 */
public final class Sudo {

    public static final Sudo NONE = new Sudo(false, null);
    public static final Sudo NO_PASSWORD = new Sudo(true, null);

    /** What sudo writes to standard error each time it reads a password (no line end: sudo adds none). */
    static final String PROMPT = "herd:sudo:prompt:";
    /** The first line of standard error once sudo let the command run. */
    static final String RAN = "herd:sudo:ran";
    /**
     * Kills the command's process group when sudo dies before the command ends: herd kills a
     * timed-out or cancelled command as the login user, who may signal sudo but not the command
     * sudo runs as root. It ends by itself within a second of the command.
     */
    private static final String WATCHDOG = "herd_sudo=$PPID; (while kill -0 $herd_sudo && kill -0 $$; do sleep 1; done; "
            + "kill -0 $$ && kill -9 0) >/dev/null 2>&1 & ";

    private final boolean enabled;
    private final char[] password;

    private Sudo(boolean enabled, char[] password) {
        this.enabled = enabled;
        this.password = password;
    }

    /** sudo with a password to give it when it asks. */
    public static Sudo withPassword(char[] password) {
        return new Sudo(true, password.clone());
    }

    public boolean enabled() {
        return enabled;
    }

    /** The bytes to write to the remote standard input first (empty without a password). */
    byte[] input() {
        if (password == null) {
            return new byte[0];
        }
        // Encoded without a String, which could not be wiped.
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, bytes.length - 1);
        bytes[bytes.length - 1] = '\n';
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    String wrap(String command) {
        if (!enabled) {
            return command;
        }
        String body = "echo " + RAN + " >&2; " + WATCHDOG + command.replace("'", "'\\''");
        return password == null
                ? "sudo -n -- sh -c '" + body + "'"
                : "sudo -S -p '" + PROMPT + "' -- sh -c 'exec </dev/null; " + body + "'";
    }

    @Override
    public String toString() {
        return !enabled ? "no sudo" : password == null ? "sudo (no password)" : "sudo (password given)";
    }
}
