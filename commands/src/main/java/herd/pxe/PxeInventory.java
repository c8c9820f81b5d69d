package herd.pxe;

import herd.inventory.Inventory;
import herd.inventory.Network;
import herd.inventory.Node;
import herd.nodeset.NodeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the deploy family reads from the inventory: profiles, the nodes as the PXE tree sees
 * them, and the http/tftp roots. Errors name the node or the inventory key.
 * <pre>{@code
 * List<PxeNode> nodes = PxeInventory.pxeNodes(inventory, session.nodes("@compute"), profiles);
 * }</pre>
 */
public final class PxeInventory {

    private PxeInventory() {
    }

    /** The inventory's profiles, read again from its file for line numbers (the bundled example from its maps). */
    public static Map<String, DeployProfile> profiles(Inventory inv) {
        Path file = Path.of(inv.source());
        if (Files.isRegularFile(file)) {
            return ProfileParser.parseInventoryFile(file);
        }
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return ProfileParser.parseText(new Yaml(o).dump(Map.of("profiles", inv.profiles())), inv.source());
    }

    /** The nodes to render, each with its profile (an explicit one wins) and its network's next-server. */
    public static List<PxeNode> pxeNodes(Inventory inv, NodeSet nodes, Map<String, DeployProfile> profiles,
                                         String explicitProfile) {
        List<PxeNode> out = new ArrayList<>();
        for (String name : nodes.expand()) {
            Node n = inv.node(name).orElseThrow(() -> new PxeException(name + ": not in the inventory"));
            String profile = explicitProfile != null ? explicitProfile : inv.profile(name);
            if (profile == null) {
                throw new PxeException(name + ": no deploy profile (set 'profile:' for it, its group or defaults)");
            }
            if (!profiles.containsKey(profile)) {
                throw new PxeException(name + ": unknown profile '" + profile + "' (known: "
                        + String.join(", ", profiles.keySet()) + ")");
            }
            if (n.ip() == null || n.mac() == null) {
                throw new PxeException(name + ": needs both 'ip' and 'mac' in the inventory to boot over PXE");
            }
            out.add(new PxeNode(name, n.ip(), n.mac(), profile, nextServer(inv, n)));
        }
        return out;
    }

    public static Path httpRoot(Inventory inv) {
        return localPath(inv, inv.services().httpRoot(), "services.http-root");
    }

    public static Path tftpRoot(Inventory inv) {
        return localPath(inv, inv.services().tftpRoot(), "services.tftp-root");
    }

    private static Path localPath(Inventory inv, String value, String key) {
        if (value == null) {
            throw new PxeException(inv.source() + ": " + key + " is not set");
        }
        if (inv.services().host() != null) {
            throw new PxeException(inv.source() + ": " + key + " on services.host " + inv.services().host()
                    + ": remote PXE trees are not supported yet (run herd on the management node)");
        }
        return Path.of(value);
    }

    private static String nextServer(Inventory inv, Node n) {
        for (Network net : inv.networks()) {
            if (net.nextServer() != null && net.subnet() != null && inSubnet(n.ip(), net.subnet())) {
                return net.nextServer();
            }
        }
        throw new PxeException(n.name() + ": " + n.ip() + " is in no network with a next-server");
    }

    static boolean inSubnet(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : 0xffffffffL << (32 - bits) & 0xffffffffL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long v = 0;
        for (String octet : ip.split("\\.")) {
            v = v << 8 | Integer.parseInt(octet);
        }
        return v;
    }
}
