package herd.exec;

/**
 * Whether a command runs under sudo. With a password, it is written to sudo's standard input (never
 * on a command line, so never in a process list); the command itself then reads /dev/null.
 *
 * <pre>{@code
 * Sudo.NONE.wrap("id -u");                 // id -u
 * Sudo.NO_PASSWORD.wrap("id -u");          // sudo -n -- sh -c 'id -u'
 * }</pre>
 */
public final class Sudo {

    public static final Sudo NONE = new Sudo(false, null);
    public static final Sudo NO_PASSWORD = new Sudo(true, null);

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
        return (new String(password) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    String wrap(String command) {
        if (!enabled) {
            return command;
        }
        String escaped = command.replace("'", "'\\''");
        return password == null
                ? "sudo -n -- sh -c '" + escaped + "'"
                : "sudo -S -p '' -- sh -c 'exec </dev/null; " + escaped + "'";
    }

    @Override
    public String toString() {
        return !enabled ? "no sudo" : password == null ? "sudo (no password)" : "sudo (password given)";
    }
}
