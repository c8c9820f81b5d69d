package herd.hostkeys;

import herd.inventory.Inventory;
import herd.inventory.Node;
import herd.inventory.Ssh;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host names a node's key is filed under in known_hosts: its name (and FQDN), its cluster
 * address and the inventory's ssh host, each bare (port 22) and as {@code [host]:port} for the ssh
 * port. {@code named} is the node's name in that form, {@code connect} the form herd and OpenSSH
 * look up when they connect (the ssh host and port).
 */
public record NodeNames(String node, List<String> hosts, String named, String connect) {

    public NodeNames {
        hosts = List.copyOf(hosts);
    }

    /** The names of {@code node} by the inventory. */
    public static NodeNames of(Inventory inv, String node) {
        Ssh ssh = inv.ssh(node);
        String ip = inv.node(node).map(Node::ip).orElse(null);
        int port = ssh.port() != null ? ssh.port() : 22;
        Set<String> names = new LinkedHashSet<>();
        names.add(node);
        if (inv.domain() != null && !inv.domain().isBlank()) {
            names.add(node + "." + inv.domain());
        }
        if (ip != null) {
            names.add(ip);
        }
        String host = ssh.host() != null ? ssh.host() : ip != null ? ip : node;
        names.add(host);
        List<String> hosts = new ArrayList<>();
        for (String n : names) {
            hosts.add(n);
            if (port != 22) {
                hosts.add("[" + n + "]:" + port);
            }
        }
        return new NodeNames(node, hosts, form(node, port), form(host, port));
    }

    /** {@code host} for port 22, else {@code [host]:port}, as known_hosts writes them. */
    public static String form(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** True when {@code name} (any case) is one of the node's names. */
    public boolean names(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return hosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(n));
    }
}
