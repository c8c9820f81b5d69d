package herd.ssh.config;

import herd.ssh.config.ConfigEntry.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads one ssh_config file, and the files its {@code Include} lines name, into entries, once.
 * Lines are checked as OpenSSH checks them, in blocks that apply or not: a keyword without value,
 * a bad Port or ProxyJump, extra words after a value herd uses, a bad Match line. Keywords herd does
 * not use are skipped.
 *
 * <pre>{@code
 * List<ConfigEntry> user = new ConfigParser(home, true).file(home.resolve(".ssh/config"), 0);
 * }</pre>
 */
final class ConfigParser {

    /** OpenSSH's READCONF_MAX_DEPTH: a file at this depth may not include another. */
    static final int MAX_DEPTH = 16;

    private final Path home;
    private final boolean userFile;

    /**
     * {@code userFile}: the user's file (relative Include paths are under ~/.ssh, {@code ~} is
     * allowed) or the system's (relative paths under /etc/ssh, no {@code ~}), as in OpenSSH.
     */
    ConfigParser(Path home, boolean userFile) {
        this.home = home;
        this.userFile = userFile;
    }

    /** The entries of {@code file}; a missing file has none. */
    List<ConfigEntry> file(Path file, int depth) throws SshConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new SshConfigException(file + ": cannot read: " + e.getMessage());
        }
        return lines(file.toString(), new String(bytes, StandardCharsets.UTF_8).lines().toList(), depth);
    }

    /** The entries of {@code lines}; {@code name} is the file name in error messages. */
    List<ConfigEntry> lines(String name, List<String> lines, int depth) throws SshConfigException {
        List<ConfigEntry> entries = new ArrayList<>();
        List<ConfigEntry.Block> run = new ArrayList<>();
        List<ConfigEntry.Setting> open = null;   // the settings of the Host block being read
        for (int i = 0; i < lines.size(); i++) {
            String where = name + ":" + (i + 1);
            List<String> words = ConfigWords.split(lines.get(i), where);
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equalsIgnoreCase("host")) {
                open = new ArrayList<>();
                run.add(new ConfigEntry.Block(Patterns.of(nonEmpty("Host", words.subList(1, words.size()), where),
                        false), open));
                continue;
            }
            ConfigEntry e = entry(words.get(0), words.subList(1, words.size()), where, depth);
            if (e instanceof ConfigEntry.Setting s && open != null) {
                open.add(s);
            } else if (e != null) {
                // a Match or Include ends the run of Host blocks: the lines after it are entries again
                flush(run, entries);
                open = null;
                entries.add(e);
            }
        }
        flush(run, entries);
        return List.copyOf(entries);
    }

    private static void flush(List<ConfigEntry.Block> run, List<ConfigEntry> entries) {
        if (!run.isEmpty()) {
            List<ConfigEntry.Block> blocks = new ArrayList<>();
            for (ConfigEntry.Block b : run) {
                blocks.add(new ConfigEntry.Block(b.patterns(), List.copyOf(b.settings())));
            }
            entries.add(ConfigEntry.Hosts.of(blocks));
            run.clear();
        }
    }

    private ConfigEntry entry(String keyword, List<String> args, String where, int depth) throws SshConfigException {
        return switch (keyword.toLowerCase(Locale.ROOT)) {
            case "match" -> new ConfigEntry.Match(MatchCondition.parse(args, where));
            case "include" -> include(nonEmpty(keyword, args, where), where, depth);
            case "hostname" -> setting(Key.HOSTNAME, keyword, args, where);
            case "user" -> setting(Key.USER, keyword, args, where);
            case "port" -> setting(Key.PORT, keyword, args, where);
            case "identityfile" -> setting(Key.IDENTITYFILE, keyword, args, where);
            case "proxyjump" -> setting(Key.PROXYJUMP, keyword, args, where);
            default -> null;
        };
    }

    private ConfigEntry.Setting setting(Key key, String keyword, List<String> args, String where)
            throws SshConfigException {
        if (args.size() > 1) {
            throw new SshConfigException(where + ": " + keyword + " takes one value, not \"" + String.join(" ", args) + "\"");
        }
        String value = nonEmpty(keyword, args, where).get(0);
        if (key == Key.PORT) {
            value = Integer.toString(port(where, value));
        } else if (key == Key.PROXYJUMP && !value.equalsIgnoreCase("none")) {
            Hop.list(value, where);
        }
        return new ConfigEntry.Setting(key, value, userFile, where);
    }

    private ConfigEntry include(List<String> args, String where, int depth) throws SshConfigException {
        List<List<ConfigEntry>> files = new ArrayList<>();
        for (String arg : args) {
            String pattern;
            if (arg.startsWith("/")) {
                pattern = arg;
            } else if (arg.startsWith("~")) {
                if (!userFile) {
                    throw new SshConfigException(where + ": Include " + arg + ": ~ is not allowed in the system file");
                }
                pattern = arg.equals("~") || arg.startsWith("~/") ? home + arg.substring(1) : arg;
            } else {
                pattern = (userFile ? home.resolve(".ssh") : Path.of("/etc/ssh")) + "/" + arg;
            }
            for (Path file : IncludeGlob.files(pattern)) {
                if (depth >= MAX_DEPTH) {
                    throw new SshConfigException(where + ": Include nested more than " + MAX_DEPTH
                            + " deep (does a file include itself?)");
                }
                files.add(file(file, depth + 1));
            }
        }
        return new ConfigEntry.Include(List.copyOf(files));
    }

    private static List<String> nonEmpty(String keyword, List<String> args, String where) throws SshConfigException {
        if (args.isEmpty() || args.contains("")) {
            throw new SshConfigException(where + ": " + keyword + " needs a value");
        }
        return args;
    }

    /** A TCP port 1-65535, else an error naming {@code where} and the bad text. */
    static int port(String where, String text) throws SshConfigException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the bad text
        }
        throw new SshConfigException(where + ": bad port \"" + text + "\"");
    }
}
