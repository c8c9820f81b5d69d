package herd.ssh;

import herd.error.HerdException;
import herd.inventory.Inventory;
import herd.inventory.Node;
import herd.inventory.Ssh;
import herd.nodeset.NodeSet;
import herd.session.Output;
import herd.session.Session;
import herd.session.Setting;
import herd.ssh.config.HostConfig;
import herd.ssh.config.SshConfig;
import herd.ssh.config.SshConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the adapters of exec and copy get SSH from the session: the session's one
 * {@link ConnectionPool}, and targets that merge the inventory with ~/.ssh/config and
 * /etc/ssh/ssh_config.
 *
 * <pre>{@code
 * ConnectionPool pool = SessionSsh.pool(session);
 * List<SshTarget> targets = SessionSsh.targets(session, session.nodes("@compute"));
 * }</pre>
 *
 * Precedence for a node: the inventory's own {@code ssh.host} (with its port) wins; else the
 * HostName and Port of ~/.ssh/config; else the node's cluster address (ip), else its name. User and
 * identity: ~/.ssh/config's when it sets them, else the inventory's (default root, ~/.ssh/id_ed25519).
 */
public final class SessionSsh {

    /** Records unknown host keys in known_hosts instead of refusing them (OpenSSH accept-new). */
    public static final Setting<Boolean> ACCEPT_NEW_HOST_KEYS = Setting.flag("ssh.accept-new-host-keys",
            "record unknown host keys in known_hosts (OpenSSH accept-new)");

    private SessionSsh() {
    }

    /** The session's pool, opened on first use with the inventory's known_hosts and key. */
    public static ConnectionPool pool(Session session) {
        ConnectionPool pool = session.resource(ConnectionPool.class, () -> open(session));
        pool.acceptNewHostKeys(session.settings().get(ACCEPT_NEW_HOST_KEYS));
        return pool;
    }

    /** One target per node, in nodeset order. */
    public static List<SshTarget> targets(Session session, NodeSet nodes) {
        SshConfig config = userConfig();
        Inventory inv = session.inventory();
        List<SshTarget> targets = new ArrayList<>();
        for (String name : nodes) {
            Ssh ssh = inv.ssh(name);
            try {
                HostConfig t = config.resolve(name, ssh.user(), ssh.port());
                String host = t.host();
                int port = t.port();
                if (ssh.host() != null) {
                    host = ssh.host();
                    port = ssh.port();
                } else if (host.equals(name)) {
                    host = inv.node(name).map(Node::ip).filter(ip -> ip != null).orElse(name);
                }
                List<Path> keys = new ArrayList<>(t.identities());
                keys.add(expand(ssh.identity()));
                targets.add(new SshTarget(name, host, port, t.user(), keys, SshTarget.of(t).jumps()));
            } catch (SshConfigException e) {
                throw new HerdException(e.getMessage());
            }
        }
        return targets;
    }

    private static ConnectionPool open(Session session) {
        Inventory inv = session.inventory();
        String any = inv.all().size() > 0 ? inv.all().get(0) : "";
        Ssh ssh = inv.ssh(any);
        SshSettings settings = SshSettings.defaults(home())
                .withKnownHosts(expand(ssh.knownHosts()), false);
        try {
            return new ConnectionPool(settings, prompter(session));
        } catch (SshException e) {
            throw new HerdException(e.getMessage());
        }
    }

    /** Asks on the session's terminal; answers nothing in batch mode, where nobody could type. */
    public static Prompter prompter(Session session) {
        return prompt -> {
            Output out = session.out();
            return out.interactive() ? Optional.of(out.askSecret(prompt)) : Optional.empty();
        };
    }

    /** ~/.ssh/config then /etc/ssh/ssh_config, as ssh reads them; read again for every command. */
    private static SshConfig userConfig() {
        try {
            return SshConfig.load(home().resolve(".ssh/config"), SshConfig.SYSTEM_FILE, home());
        } catch (SshConfigException e) {
            throw new HerdException(e.getMessage());
        }
    }

    /** {@code ~} and {@code ~/...} as the shell expands them (home of this process). */
    public static Path expand(String file) {
        return file.equals("~") || file.startsWith("~/") ? Path.of(home() + file.substring(1)) : Path.of(file);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
