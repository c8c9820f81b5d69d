package herd.net;

import java.util.List;

/**
 * Nodes read back from dhcpd.conf, the forward zone and the hosts file by {@code net import}.
 *
 * @param nodes one per name, address from DHCP, else DNS, else hosts; MAC from DHCP
 * @param warnings disagreements between the files and with the inventory, one line each
 */
public record NetImport(List<NetNode> nodes, List<String> warnings) {

    /** The {@code nodes:} section of cluster.yaml for these nodes. */
    public String yaml() {
        StringBuilder b = new StringBuilder("nodes:\n");
        for (NetNode n : nodes) {
            b.append("  ").append(n.name()).append(":\n");
            if (n.ip() != null) {
                b.append("    ip: ").append(n.ip()).append('\n');
            }
            if (n.mac() != null) {
                b.append("    mac: ").append(n.mac()).append('\n');
            }
        }
        return b.toString();
    }
}
