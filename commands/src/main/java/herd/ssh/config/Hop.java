package herd.ssh.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One ProxyJump hop as written: {@code [user@]host[:port]}, {@code [user@][v6addr]:port} or
 * {@code ssh://[user@]host[:port]}; user and port are null when not given.
 *
 * <pre>{@code
 * Hop.list("admin@gate:2200,thor", "cfg:4");   // [Hop[admin, gate, 2200], Hop[null, thor, null]]
 * }</pre>
 */
record Hop(String user, String host, Integer port) {

    /** The comma-separated hops of a ProxyJump value, first hop first. */
    static List<Hop> list(String value, String where) throws SshConfigException {
        List<Hop> hops = new ArrayList<>();
        for (String spec : value.split(",", -1)) {
            hops.add(parse(spec.strip(), where));
        }
        return hops;
    }

    private static Hop parse(String spec, String where) throws SshConfigException {
        String s = spec;
        if (s.startsWith("ssh://")) {
            s = s.substring("ssh://".length());
            s = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        String user = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
        }
        String host = s;
        String port = null;
        if (s.startsWith("[") && s.indexOf(']') > 0) {
            host = s.substring(1, s.indexOf(']'));
            String rest = s.substring(s.indexOf(']') + 1);
            if (!rest.isEmpty()) {
                port = rest.startsWith(":") ? rest.substring(1) : "";
            }
        } else if (s.lastIndexOf(':') >= 0) {
            host = s.substring(0, s.lastIndexOf(':'));
            port = s.substring(s.lastIndexOf(':') + 1);
        }
        if (host.isEmpty() || (user != null && user.isEmpty()) || host.contains(":") && !s.startsWith("[")) {
            throw new SshConfigException(where + ": bad ProxyJump hop \"" + spec + "\"");
        }
        return new Hop(user, host, port == null ? null : ConfigParser.port(where, port));
    }
}
