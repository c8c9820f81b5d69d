package herd.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of an OpenSSH client configuration herd honours: {@code Host} patterns (with {@code *},
 * {@code ?} and {@code !}), {@code HostName}, {@code User}, {@code Port}, {@code IdentityFile} and
 * {@code ProxyJump}. As in OpenSSH the first value found wins, and every matching IdentityFile counts.
 *
 * <pre>{@code
 * SshConfig config = SshConfig.parse(Path.of(System.getProperty("user.home"), ".ssh/config"));
 * SshTarget t = config.resolve("valkyrie01", "root", 22);   // user and port when the file says none
 * }</pre>
 *
 * {@code Match} blocks are skipped (their settings apply to no host); other keywords are ignored.
 */
public final class SshConfig {

    private static final Pattern SPLIT = Pattern.compile("\\s*=\\s*|\\s+");

    private record Block(List<String> patterns, Map<String, List<String>> values) { }

    private final List<Block> blocks;
    private final Path home;

    private SshConfig(List<Block> blocks, Path home) {
        this.blocks = blocks;
        this.home = home;
    }

    /** A configuration with no blocks: every host resolves to itself. */
    public static SshConfig empty() {
        return new SshConfig(List.of(), Path.of(System.getProperty("user.home")));
    }

    /** Reads {@code file}; a missing file is an empty configuration. */
    public static SshConfig parse(Path file) throws SshException {
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            return parse(file.toString(), Files.readAllLines(file), Path.of(System.getProperty("user.home")));
        } catch (IOException e) {
            throw new SshException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses lines of text; {@code name} is used in error messages, {@code home} expands {@code ~}. */
    public static SshConfig parse(String name, List<String> lines, Path home) throws SshException {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new LinkedHashMap<>());
        blocks.add(current);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = SPLIT.split(line, 2);
            String key = words[0].toLowerCase(Locale.ROOT);
            if (words.length < 2 || words[1].isBlank()) {
                throw new SshException(name + ":" + (i + 1) + ": " + words[0] + " needs a value");
            }
            List<String> args = List.of(words[1].strip().replace("\"", "").split("\\s+"));
            if (key.equals("host")) {
                current = new Block(args, new LinkedHashMap<>());
                blocks.add(current);
            } else if (key.equals("match")) {
                current = new Block(List.of(), new LinkedHashMap<>());
                blocks.add(current);
            } else {
                if (key.equals("port")) {
                    checkPort(name + ":" + (i + 1), args.get(0));
                }
                current.values().computeIfAbsent(key, k -> new ArrayList<>()).add(String.join(" ", args));
            }
        }
        return new SshConfig(blocks, home);
    }

    /**
     * The target for {@code node}, with {@code defaultUser} and {@code defaultPort} where no block
     * sets them. ProxyJump hops are resolved through this configuration too.
     */
    public SshTarget resolve(String node, String defaultUser, int defaultPort) throws SshException {
        return resolve(node, defaultUser, defaultPort, 0);
    }

    private SshTarget resolve(String node, String defaultUser, int defaultPort, int depth) throws SshException {
        if (depth > 8) {
            throw new SshException(node + ": ProxyJump chain longer than 8 hops (a loop?)");
        }
        String hostName = first(node, "hostname", node).replace("%h", node).replace("%%", "%");
        String user = first(node, "user", defaultUser);
        String portText = first(node, "port", Integer.toString(defaultPort));
        int port = checkPort(node, portText);
        List<Path> identities = new ArrayList<>();
        for (String file : all(node, "identityfile")) {
            identities.add(expand(file, node, hostName, user, port));
        }
        SshTarget target = new SshTarget(node, hostName, port, user, identities, List.of());
        String jump = first(node, "proxyjump", "none");
        if (jump.equalsIgnoreCase("none")) {
            return target;
        }
        List<SshTarget> hops = new ArrayList<>();
        for (String hop : jump.split(",")) {
            hops.add(hop(hop.strip(), defaultUser, depth));
        }
        return target.withJumps(hops);
    }

    private SshTarget hop(String spec, String defaultUser, int depth) throws SshException {
        String user = null;
        String host = spec;
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            user = host.substring(0, at);
            host = host.substring(at + 1);
        }
        Integer port = null;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            port = checkPort(spec, host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        SshTarget t = resolve(host, defaultUser, 22, depth + 1);
        return new SshTarget(t.node(), t.host(), port == null ? t.port() : port,
                user == null ? t.user() : user, t.identities(), t.jumps());
    }

    private String first(String node, String key, String fallback) {
        List<String> values = all(node, key);
        return values.isEmpty() ? fallback : values.get(0);
    }

    private List<String> all(String node, String key) {
        List<String> values = new ArrayList<>();
        for (Block b : blocks) {
            if (matches(b.patterns(), node) && b.values().containsKey(key)) {
                values.addAll(b.values().get(key));
            }
        }
        return values;
    }

    /** OpenSSH semantics: some positive pattern matches and no negated one does. */
    static boolean matches(List<String> patterns, String host) {
        boolean any = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1), host)) {
                    return false;
                }
            } else if (glob(p, host)) {
                any = true;
            }
        }
        return any;
    }

    private static boolean glob(String pattern, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE).matcher(text).matches();
    }

    private Path expand(String file, String node, String hostName, String user, int port) {
        String f = file.replace("%d", home.toString()).replace("%h", hostName).replace("%n", node)
                .replace("%r", user).replace("%p", Integer.toString(port)).replace("%%", "%");
        if (f.equals("~") || f.startsWith("~/")) {
            f = home + f.substring(1);
        }
        return Path.of(f);
    }

    private static int checkPort(String where, String text) throws SshException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the bad text
        }
        throw new SshException(where + ": bad port \"" + text + "\"");
    }
}
