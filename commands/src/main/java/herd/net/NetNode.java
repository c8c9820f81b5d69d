package herd.net;

import herd.inventory.Node;
import herd.services.ServiceFiles;
import herd.session.Session;
import java.util.List;

/**
 * A node as {@code net sync/check/import} see it: name, cluster address and boot MAC (null when
 * unknown), and where it was declared (inventory file and line) for messages.
 */
public record NetNode(String name, String ip, String mac, String source, int line) {

    /** The inventory's nodes of {@code expression} (all when blank) as NetNodes. */
    public static List<NetNode> of(Session session, String expression, boolean allWhenBlank) {
        var set = expression == null || expression.isBlank()
                ? (allWhenBlank ? session.inventory().all() : session.nodes(expression)) : session.nodes(expression);
        return set.expand().stream().map(n -> {
            Node node = ServiceFiles.node(session, n);
            return new NetNode(n, node.ip(), node.mac(), session.inventory().source(), node.line());
        }).toList();
    }
}
