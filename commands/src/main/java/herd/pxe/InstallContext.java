package herd.pxe;

import java.util.Objects;

/**
 * What an installer config needs beyond its profile: the group it serves and the management
 * node's address as the nodes see it (iPXE's next-server), for the completion callback.
 */
public record InstallContext(String group, String server) {

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

    /** The shell line that reports the end of the install, tolerant of a missing curl. */
    public String callbackCommand() {
        String url = callbackUrl();
        return "curl -fsS -o /dev/null " + url + " || wget -q -O /dev/null " + url + " || true";
    }
}
