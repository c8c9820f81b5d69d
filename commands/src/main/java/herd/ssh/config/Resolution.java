package herd.ssh.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One pass of OpenSSH's configuration reading for one host: the entries are walked once, in file
 * order; a {@code Host} or {@code Match} line decides whether the lines after it apply, the first
 * value of each setting wins, and every applying IdentityFile is kept (once).
 *
 * <pre>{@code
 * Resolution r = new Resolution("valkyrie01", "root", 22, home, "admin", MatchCondition::run);
 * r.walk(entries, true, false);
 * }</pre>
 */
final class Resolution {

    private final String original;
    private final String defaultUser;
    private final int defaultPort;
    private final Path home;
    private final String localUser;
    private final Predicate<String> exec;
    private String hostName;
    private String user;
    private int port;
    private String proxyJump;
    private final List<ConfigEntry.Setting> identities = new ArrayList<>();
    private final Set<String> seenIdentities = new HashSet<>();

    Resolution(String original, String defaultUser, int defaultPort, Path home, String localUser,
               Predicate<String> exec) {
        this.original = original;
        this.defaultUser = defaultUser;
        this.defaultPort = defaultPort;
        this.home = home;
        this.localUser = localUser;
        this.exec = exec;
    }

    /** Fixes the user and port before the walk, as ssh's -l and -p do (a ProxyJump hop's own). */
    void preset(String fixedUser, Integer fixedPort) {
        user = fixedUser;
        port = fixedPort == null ? 0 : fixedPort;
    }

    /**
     * Applies {@code entries} starting in the {@code active} state. {@code neverMatch} is set inside
     * a file included from a block that does not apply: its Host and Match lines apply to nothing.
     * An included file starts in the state of its Include line, and that state is restored after it.
     */
    void walk(List<ConfigEntry> entries, boolean active, boolean neverMatch) throws SshConfigException {
        boolean on = active;
        for (ConfigEntry e : entries) {
            if (e instanceof ConfigEntry.Hosts hosts) {
                on = !neverMatch && hostBlocks(hosts);
            } else if (e instanceof ConfigEntry.Match m) {
                on = !neverMatch && m.condition().test(this);
            } else if (e instanceof ConfigEntry.Setting s) {
                if (on) {
                    apply(s);
                }
            } else if (e instanceof ConfigEntry.Include inc) {
                for (List<ConfigEntry> file : inc.files()) {
                    walk(file, on, neverMatch || !on);
                }
            }
        }
    }

    /** Applies the settings of the Host blocks that match; true when the last block does (it is still open). */
    private boolean hostBlocks(ConfigEntry.Hosts hosts) throws SshConfigException {
        int[] hits = hosts.matching(original);
        for (int i : hits) {
            for (ConfigEntry.Setting s : hosts.blocks().get(i).settings()) {
                apply(s);
            }
        }
        return hits.length > 0 && hits[hits.length - 1] == hosts.blocks().size() - 1;
    }

    private void apply(ConfigEntry.Setting s) throws SshConfigException {
        switch (s.key()) {
            case HOSTNAME -> {
                if (hostName == null) {
                    hostName = Percent.expand(s.value(), Map.of('h', original), s.where());
                }
            }
            case USER -> user = user == null ? s.value() : user;
            case PORT -> port = port == 0 ? Integer.parseInt(s.value()) : port;
            case PROXYJUMP -> proxyJump = proxyJump == null ? s.value() : proxyJump;
            case IDENTITYFILE -> {
                // OpenSSH drops a repeated IdentityFile, but keeps one named by both user and system files
                if (seenIdentities.add((s.userFile() ? "u:" : "s:") + s.value())) {
                    identities.add(s);
                }
            }
        }
    }

    /** The name as given (Host patterns and {@code Match originalhost} test it). */
    String original() {
        return original;
    }

    /** The HostName set so far ({@code %h} expanded), else the name as given. */
    String host() {
        return hostName == null ? original : hostName;
    }

    /** The User set so far, else the default. */
    String user() {
        return user == null ? defaultUser : user;
    }

    int port() {
        return port == 0 ? defaultPort : port;
    }

    /** The ProxyJump value set so far ("none" counts), or null. */
    String proxyJump() {
        return proxyJump;
    }

    List<ConfigEntry.Setting> identities() {
        return identities;
    }

    String localUser() {
        return localUser;
    }

    /** The {@code %} escapes ssh knows once the settings are: for IdentityFile and Match exec. */
    Map<Character, String> escapes() {
        return Map.of('d', home.toString(), 'h', host(), 'n', original, 'r', user(), 'p', Integer.toString(port()),
                'u', localUser);
    }

    boolean exec(String command) {
        return exec.test(command);
    }
}
