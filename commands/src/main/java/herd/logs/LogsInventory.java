package herd.logs;

import herd.inventory.Inventory;
import herd.inventory.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What the logs family reads from the inventory: every node's addresses for tagging, and the
 * management node's default log sources ({@code services.dhcp-log}, {@code services.http-log}).
 */
public final class LogsInventory {

    private LogsInventory() {
    }

    public static NodeTagger tagger(Inventory inv) {
        List<NodeTagger.Address> out = new ArrayList<>();
        for (Node n : inv.nodes().values()) {
            out.add(new NodeTagger.Address(n.name(), n.ip() == null ? "" : n.ip(), n.mac() == null ? "" : n.mac()));
        }
        return new NodeTagger(out);
    }

    /**
     * The sources named by the inventory's services (DHCP log then access log), on
     * {@code services.host} when it is set; empty when none is set.
     */
    public static List<LogSource> defaultSources(Inventory inv) {
        List<LogSource> out = new ArrayList<>();
        String host = inv.services().host();
        for (String spec : new String[] {inv.services().dhcpLog(), inv.services().httpLog()}) {
            if (spec != null) {
                out.add(source(inv, host == null ? spec : host + ":" + spec));
            }
        }
        return out;
    }

    /**
     * A source from its spec: {@code PATH}, {@code journal:UNIT[,UNIT]}, or either on an inventory
     * node over SSH: {@code odin:/var/log/dhcpd.log}, {@code odin:journal:dhcpd}.
     */
    public static LogSource source(Inventory inv, String spec) {
        int colon = spec.indexOf(':');
        String host = colon > 0 ? spec.substring(0, colon) : "";
        if (host.isEmpty() || host.equals("journal") || inv.node(host).isEmpty()) {
            return LogSource.parse(spec);
        }
        String rest = spec.substring(colon + 1);
        List<String> ssh = sshCommand(inv, host);
        LogSource remote = LogSource.parse(rest);
        if (remote instanceof LogSource.Journal j) {
            return new LogSource.Journal(j.units(), ssh);
        }
        List<String> argv = new ArrayList<>(ssh);
        argv.addAll(List.of("tail", "-n", "0", "-F", rest));
        return new LogSource.Command(spec, argv);
    }

    /** OpenSSH's client with the node's inventory settings (key, known hosts, port, user), batch mode. */
    static List<String> sshCommand(Inventory inv, String node) {
        var s = inv.ssh(node);
        String address = s.host() != null ? s.host() : inv.node(node).map(Node::ip).orElse(node);
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10"));
        if (s.knownHosts() != null) {
            argv.addAll(List.of("-o", "UserKnownHostsFile=" + home(s.knownHosts())));
        }
        if (s.identity() != null) {
            argv.addAll(List.of("-i", home(s.identity())));
        }
        if (s.port() != null) {
            argv.addAll(List.of("-p", s.port().toString()));
        }
        if (s.user() != null) {
            argv.addAll(List.of("-l", s.user()));
        }
        argv.addAll(List.of(address, "--"));
        return argv;
    }

    private static String home(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    /** One line for people: {@code valkyrie01  dhcpd: DHCPACK on ...} ({@code -} when no node). */
    public static String format(TaggedLine t) {
        LogLine l = t.line();
        String text = l.program().isEmpty() ? l.message() : l.program() + ": " + l.message();
        return String.format("%-12s %s", t.node().orElse("-"), text);
    }
}
