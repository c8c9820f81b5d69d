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

    /** The sources named by the inventory's services (DHCP log then access log); empty when none is set. */
    public static List<LogSource> defaultSources(Inventory inv) {
        List<LogSource> out = new ArrayList<>();
        if (inv.services().dhcpLog() != null) {
            out.add(LogSource.parse(inv.services().dhcpLog()));
        }
        if (inv.services().httpLog() != null) {
            out.add(LogSource.parse(inv.services().httpLog()));
        }
        return out;
    }

    /** One line for people: {@code valkyrie01  dhcpd: DHCPACK on ...} ({@code -} when no node). */
    public static String format(TaggedLine t) {
        LogLine l = t.line();
        String text = l.program().isEmpty() ? l.message() : l.program() + ": " + l.message();
        return String.format("%-12s %s", t.node().orElse("-"), text);
    }
}
