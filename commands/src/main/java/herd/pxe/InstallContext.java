package herd.pxe;

import java.util.Objects;

/**
 * What an installer config needs beyond its profile: the group it serves and the management
 * node's address as the nodes see it (iPXE's next-server), for the completion callback.
 */
public record InstallContext(String group, String server) {

    /** The query parameter of the callback URL that carries one host public key ("TYPE BASE64", URL-encoded). */
    public static final String KEY_PARAMETER = "key";

    public InstallContext {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(server, "server");
    }

    /** The URL the installer fetches last: herd reads it in the access log as "install finished". */
    public String callbackUrl() {
        return "http://" + server + "/" + PxeLayout.CALLBACK;
    }

    /** A profile URL as an installer must see it ({@code ${next-server}} replaced). */
    public String resolve(String url) {
        return PxeLayout.forInstaller(url, server);
    }

    /**
     * The shell lines, run with the installed system as {@code /}, that report the end of the install:
     * the host keys the node's sshd will present are made now (an installer leaves that to the first
     * boot otherwise, where nobody could tell them from an impostor's) and their public halves go to
     * herd as {@code key=} parameters of the callback URL, which the web server's access log records.
     * One line of POSIX sh (busybox too; restorecon only where SELinux is), tolerant of a missing curl.
     */
    public String callbackCommand() {
        return "ssh-keygen -A >/dev/null 2>&1; restorecon -R /etc/ssh >/dev/null 2>&1;"
                + " k=''; for f in /etc/ssh/ssh_host_*_key.pub; do [ -r \"$f\" ] && k=\"$k&" + KEY_PARAMETER
                + "=$(cut -d ' ' -f 1,2 \"$f\" | sed -e 's/+/%2B/g' -e 's|/|%2F|g' -e 's/=/%3D/g' -e 's/ /%20/g')\";"
                + " done; u=\"" + callbackUrl() + "?${k#&}\";"
                + " curl -fsS -o /dev/null \"$u\" || wget -q -O /dev/null \"$u\" || true";
    }
}
