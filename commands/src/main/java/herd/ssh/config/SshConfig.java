package herd.ssh.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of OpenSSH's client configuration herd honours, read once and resolved per host in one
 * pass as ssh does: {@code Host} patterns ({@code *}, {@code ?}, {@code !}; matched against the name
 * as given, case-sensitively), {@code Match} ({@code all}, {@code host}, {@code originalhost}, {@code user},
 * {@code localuser}, {@code exec}, negatable, ANDed), {@code Include} (globs, conditional inside a
 * block), and the settings {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile} and
 * {@code ProxyJump}. The first value found wins and every applying IdentityFile counts; the user's
 * file is read before the system's. Other keywords are ignored.
 *
 * <pre>{@code
 * SshConfig config = SshConfig.load(home.resolve(".ssh/config"), SshConfig.SYSTEM_FILE, home);
 * HostConfig t = config.resolve("valkyrie01", "root", 22);   // user and port when the files say none
 * }</pre>
 *
 * An instance is meant for one command: a {@code Match exec} command runs once per distinct
 * expanded command line and its result is kept for the instance's life.
 */
public final class SshConfig {

    /** OpenSSH's system-wide client configuration, read after the user's. */
    public static final Path SYSTEM_FILE = Path.of("/etc/ssh/ssh_config");

    private static final int MAX_JUMPS = 8;

    private final List<List<ConfigEntry>> files;
    private final Path home;
    private final String localUser = System.getProperty("user.name");
    private final Map<String, Boolean> execResults = new ConcurrentHashMap<>();

    private SshConfig(List<List<ConfigEntry>> files, Path home) {
        this.files = files;
        this.home = home;
    }

    /** A configuration with no blocks: every host resolves to itself. */
    public static SshConfig empty() {
        return new SshConfig(List.of(), Path.of(System.getProperty("user.home")));
    }

    /** Reads {@code file} as the user's file, and no system file; a missing file is an empty configuration. */
    public static SshConfig parse(Path file) throws SshConfigException {
        return load(file, null, Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads the user's file, then the system's (either null for none; a missing file counts as
     * empty). {@code home} expands {@code ~} and {@code %d} and holds ~/.ssh, where the user's
     * relative Include paths are (the system file's are under /etc/ssh).
     */
    public static SshConfig load(Path userFile, Path systemFile, Path home) throws SshConfigException {
        List<List<ConfigEntry>> files = new ArrayList<>();
        if (userFile != null) {
            files.add(new ConfigParser(home, true).file(userFile, 0));
        }
        if (systemFile != null) {
            files.add(new ConfigParser(home, false).file(systemFile, 0));
        }
        return new SshConfig(List.copyOf(files), home);
    }

    /** Parses lines of text as the user's file; {@code name} is used in error messages. */
    public static SshConfig parse(String name, List<String> lines, Path home) throws SshConfigException {
        return new SshConfig(List.of(new ConfigParser(home, true).lines(name, lines, 0)), home);
    }

    /**
     * The target for {@code node}, with {@code defaultUser} and {@code defaultPort} where no block
     * sets them. ProxyJump hops are resolved through this configuration too.
     */
    public HostConfig resolve(String node, String defaultUser, int defaultPort) throws SshConfigException {
        return resolve(node, defaultUser, defaultPort, null, 0);
    }

    /**
     * A ProxyJump hop is resolved like a host named on ssh's command line, its user and port given
     * as -l and -p. Only the first hop's own ProxyJump counts: ssh reaches each later hop through
     * the hops before it ({@code -J}), whatever the file says for that hop.
     */
    private HostConfig resolve(String node, String defaultUser, int defaultPort, Hop fixed, int depth)
            throws SshConfigException {
        if (depth > MAX_JUMPS) {
            throw new SshConfigException(node + ": ProxyJump chain longer than " + MAX_JUMPS + " hops (a loop?)");
        }
        Resolution r = pass(node, defaultUser, defaultPort, fixed);
        HostConfig target = target(r);
        String jump = r.proxyJump();
        if (jump == null || jump.equalsIgnoreCase("none")) {
            return target;
        }
        List<Hop> list = Hop.list(jump, node + ": ProxyJump");
        Hop last = list.get(list.size() - 1);
        if (last.host().equalsIgnoreCase(r.host()) && (last.port() == null ? 22 : last.port()) == r.port()
                && (last.user() == null ? r.user() : last.user()).equals(r.user())) {
            throw new SshConfigException(node + ": ProxyJump loop via " + last.host());   // ssh's own check
        }
        List<HostConfig> hops = new ArrayList<>();
        for (Hop hop : list) {
            hops.add(hops.isEmpty() ? resolve(hop.host(), defaultUser, 22, hop, depth + 1)
                    : target(pass(hop.host(), defaultUser, 22, hop)));
        }
        return target.withJumps(hops);
    }

    /** One pass over every file for {@code node}; {@code fixed} holds a hop's own user and port. */
    private Resolution pass(String node, String defaultUser, int defaultPort, Hop fixed) throws SshConfigException {
        Resolution r = new Resolution(node, defaultUser, defaultPort, home, localUser, this::exec);
        if (fixed != null) {
            r.preset(fixed.user(), fixed.port());
        }
        for (List<ConfigEntry> file : files) {
            r.walk(file, true, false);
        }
        return r;
    }

    private HostConfig target(Resolution r) throws SshConfigException {
        List<Path> identities = new ArrayList<>();
        for (ConfigEntry.Setting s : r.identities()) {
            identities.add(identity(s, r));
        }
        return new HostConfig(r.original(), r.host(), r.port(), r.user(), identities, List.of());
    }

    /** {@code ~} first, then the escapes, as ssh expands IdentityFile once the settings are known. */
    private Path identity(ConfigEntry.Setting s, Resolution r) throws SshConfigException {
        String f = s.value();
        if (f.equals("~") || f.startsWith("~/")) {
            f = home + f.substring(1);
        }
        return Path.of(Percent.expand(f, r.escapes(), s.where()));
    }

    private boolean exec(String command) {
        return execResults.computeIfAbsent(command, MatchCondition::run);
    }
}
