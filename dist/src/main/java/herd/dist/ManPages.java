package herd.dist;

import herd.inventory.InventoryLoader;
import herd.session.Session;
import herd.shell.Commands;
import herd.shell.HelpText;
import herd.shell.LaunchOptions;
import herd.shell.Main;
import herd.shell.command.CommandSpec;
import herd.shell.command.HerdCommand;
import herd.shell.command.ParamSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * herd(1) and herd-inventory(5), made at build time from what the shell itself shows: the command
 * registry (every {@code @Command}'s usage, options and help, as {@code help CMD} prints them),
 * the launcher's usage text, and the docs the help points to (docs/shell.md, docs/inventory.md).
 * A new command appears in herd(1) with the next build.
 *
 * <pre>{@code
 * java -cp ... herd.dist.ManPages dist/target/man . 0.1.0    # man1/herd.1, man5/herd-inventory.5
 * }</pre>
 */
public final class ManPages {

    /** The sections of docs/shell.md that herd(1) carries, in its order. */
    static final List<String> SHELL_SECTIONS = List.of("Starting herd", "At the prompt", "Command lines",
            "Node sets between commands", "Background jobs", "Batch files", "Audit log", "Errors and exit status");

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path root = Path.of(args[1]);
        String version = args[2];
        List<CommandSpec> commands;
        try (var context = Main.start(() -> new Session(InventoryLoader.example()))) {
            commands = context.getBean(Commands.class).all().stream().map(HerdCommand::spec).toList();
        }
        write(out.resolve("man1/herd.1"), herd(commands, Files.readString(root.resolve("docs/shell.md")), version));
        write(out.resolve("man5/herd-inventory.5"), inventory(Files.readString(root.resolve("docs/inventory.md")), version));
    }

    static String herd(List<CommandSpec> commands, String shellDoc, String version) {
        Map<String, String> sections = sections(shellDoc, "docs/shell.md");
        StringBuilder m = new StringBuilder(header("HERD", 1, version))
                .append(".SH NAME\nherd \\- one shell for your cluster: nodesets, parallel SSH, BMCs, DHCP, DNS, PXE\n")
                .append(".SH SYNOPSIS\n");
        usage(m);
        m.append(".SH DESCRIPTION\n").append(Roff.markdown(sections.get(""))).append(".SH OPTIONS\n");
        options(m);
        for (String title : SHELL_SECTIONS) {
            String body = sections.get(title);
            if (body == null) {
                throw new IllegalStateException("docs/shell.md has no section '## " + title + "' for herd(1)");
            }
            m.append(".SH \"").append(title.toUpperCase(Locale.ROOT)).append("\"\n").append(Roff.markdown(body));
        }
        m.append(".SH COMMANDS\n.PP\nEvery command also takes \\fB\\-\\-json\\fR (results as JSON Lines) and "
                + "\\fB\\-\\-help\\fR; \\fBhelp\\fR \\fICOMMAND\\fR prints the same text as below.\n");
        commands(m, commands);
        return m.append(".SH FILES\n").append(Roff.markdown(FILES))
                .append(".SH \"SEE ALSO\"\n\\fBherd-inventory\\fR(5), \\fBnodeset\\fR(1), \\fBclush\\fR(1), \\fBipmitool\\fR(1),"
                        + " \\fBdhcpd.conf\\fR(5), \\fBnamed.conf\\fR(5), \\fBhosts\\fR(5), \\fBssh_config\\fR(5)\n")
                .toString();
    }

    static String inventory(String inventoryDoc, String version) {
        Map<String, String> sections = sections(inventoryDoc, "docs/inventory.md");
        StringBuilder m = new StringBuilder(header("HERD-INVENTORY", 5, version))
                .append(".SH NAME\nherd-inventory \\- cluster.yaml, the cluster as herd reads it\n")
                .append(".SH DESCRIPTION\n").append(Roff.markdown(sections.remove("")));
        sections.forEach((title, body) -> m.append(".SH \"").append(Roff.text(title.replace("`", "")).toUpperCase(Locale.ROOT))
                .append("\"\n").append(Roff.markdown(body)));
        return m.append(".SH \"SEE ALSO\"\n\\fBherd\\fR(1)\n").toString();
    }

    private static final String FILES = """
            - `./cluster.yaml`, `$XDG_CONFIG_HOME/herd/cluster.yaml` (`~/.config/herd/cluster.yaml`),
              `/etc/herd/cluster.yaml`: the inventory, looked up in this order (herd-inventory(5)).
            - `$XDG_STATE_HOME/herd/history` (`~/.local/state/herd/history`): the command history.
            - `/var/log/herd/audit.log` (root), `$XDG_STATE_HOME/herd/audit.log` (other users): the audit log.
            - `$XDG_CACHE_HOME/herd` (`~/.cache/herd`): the class-data archive made on first start.
            - `/usr/share/herd`: herd's launcher and libraries, as installed by the packages.
            """;

    private static String header(String name, int section, String version) {
        // The first line asks man(1) to run tbl(1), for the tables of the docs.
        // No hyphenation and no justification: option names and paths stay whole and copyable.
        return "'\\\" t\n.TH " + name + " " + section + " \"\" \"herd " + version + "\" \"herd manual\"\n.nh\n.ad l\n";
    }

    /** The synopsis lines of {@code herd --help}. */
    private static void usage(StringBuilder m) {
        m.append(".nf\n");
        for (String line : LaunchOptions.USAGE.split("\n\n")[0].lines().toList()) {
            m.append(Roff.literal(line.replaceFirst("^usage:", "").strip().split("\\s{2,}")[0])).append('\n');
        }
        m.append(".fi\n");
    }

    /** The options block of {@code herd --help}: "  -x, --long VALUE   text" with indented continuations. */
    private static void options(StringBuilder m) {
        String block = LaunchOptions.USAGE.substring(LaunchOptions.USAGE.indexOf("options:\n") + "options:\n".length())
                .split("\n\n")[0];
        for (String line : block.lines().toList()) {
            String[] parts = line.strip().split("\\s{2,}", 2);
            if (line.startsWith("  -")) {
                m.append(".TP\n").append(Roff.literal(parts[0])).append('\n').append(Roff.text(parts[1])).append('\n');
            } else {
                m.append(Roff.text(line.strip())).append('\n');
            }
        }
    }

    /** Every command of the registry by help group: usage, description, help, arguments and options. */
    private static void commands(StringBuilder m, List<CommandSpec> commands) {
        Map<String, List<CommandSpec>> groups = new TreeMap<>();
        commands.forEach(c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        groups.forEach((group, specs) -> {
            m.append(".SS \"").append(Roff.text(group)).append("\"\n");
            for (CommandSpec c : specs) {
                m.append(".TP\n").append(Roff.literal(c.usage() + " [--json]")).append('\n')
                        .append(Roff.text(c.description())).append("\n.RS\n");
                if (!c.help().isBlank()) {
                    m.append(".PP\n").append(Roff.text(c.help().strip())).append('\n');
                }
                if (c.passThrough()) {
                    m.append(".PP\nWords from the first argument on are passed through untouched, \\-x words included.\n");
                }
                for (ParamSpec p : c.params()) {
                    String name = p.option() ? p.usage() : p.name().toUpperCase(Locale.ROOT) + (p.rest() ? "..." : "");
                    m.append(".TP\n").append(Roff.literal(name)).append('\n').append(Roff.text(HelpText.describe(p))).append('\n');
                }
                m.append(".RE\n");
            }
        });
    }

    /** A Markdown file's "## " sections by title; "" holds the text before the first (without the "# " title). */
    static Map<String, String> sections(String md, String file) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String[] parts = ("\n" + md).split("\n## ");
        out.put("", parts[0].replaceFirst("^\\s*# [^\n]*\n", ""));
        for (int i = 1; i < parts.length; i++) {
            int nl = parts[i].indexOf('\n');
            out.put(parts[i].substring(0, nl < 0 ? parts[i].length() : nl).strip(), nl < 0 ? "" : parts[i].substring(nl + 1));
        }
        if (out.size() < 2) {
            throw new IllegalStateException(file + " has no '## ' sections");
        }
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
