package herd.hostkeys;

import herd.inventory.Inventory;
import herd.ssh.SessionSsh;
import java.util.ArrayList;
import java.util.List;

/** Where the inventory pins each node's host keys: its ssh {@code known-hosts} file and its names. */
public final class HostkeysInventory {

    private HostkeysInventory() {
    }

    public static HostKeyPlace place(Inventory inv, String node) {
        return new HostKeyPlace(NodeNames.of(inv, node), SessionSsh.expand(inv.ssh(node).knownHosts()));
    }

    public static List<HostKeyPlace> places(Inventory inv, Iterable<String> nodes) {
        List<HostKeyPlace> out = new ArrayList<>();
        nodes.forEach(n -> out.add(place(inv, n)));
        return out;
    }
}
