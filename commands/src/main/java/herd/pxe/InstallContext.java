package herd.pxe;

import java.util.Objects;

/**
 * What an installer config needs beyond its profile: the group it serves, the management node's
 * address as the nodes see it (iPXE's next-server), for the completion callback, and whether the
 * install then fetches the host certificates herd signs for its keys ({@code ssh.host-ca}).
 */
public record InstallContext(String group, String server, boolean certificates) {

    /** The query parameter of the callback URL that carries one host public key ("TYPE BASE64", URL-encoded). */
    public static final String KEY_PARAMETER = "key";

    public InstallContext {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(server, "server");
    }

    public InstallContext(String group, String server) {
        this(group, server, false);
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
                + " curl -fsS -o /dev/null \"$u\" || wget -q -O /dev/null \"$u\" || true"
                + (certificates ? "; " + certificateFetch() : "");
    }

    /**
     * Each key's certificate, fetched by the key's digest once herd signed it (it polls: herd signs
     * when it reads the callback), installed beside the key and named to sshd by HostCertificate.
     */
    private String certificateFetch() {
        String url = "http://" + server + "/" + PxeLayout.HOST_CERTS + "/$h.pub";
        return "for f in /etc/ssh/ssh_host_*_key.pub; do [ -r \"$f\" ] || continue;"
                + " h=$(cut -d ' ' -f 2 \"$f\" | base64 -d | sha256sum | cut -d ' ' -f 1); c=\"${f%.pub}-cert.pub\"; i=0;"
                + " while [ $i -lt 30 ]; do if curl -fsS -o \"$c\" \"" + url + "\" || wget -q -O \"$c\" \"" + url + "\";"
                + " then echo \"HostCertificate $c\" >> /etc/ssh/sshd_config; break; fi; rm -f \"$c\"; i=$((i+1));"
                + " sleep 2; done; done";
    }
}
