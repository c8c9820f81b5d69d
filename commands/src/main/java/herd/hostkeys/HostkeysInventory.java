package herd.hostkeys;

import herd.inventory.Inventory;
import herd.nodeset.NodeSet;
import herd.session.UsageException;
import herd.ssh.SessionSsh;
import java.util.ArrayList;
import java.util.List;

/** Where the inventory pins each node's host keys: its ssh {@code known-hosts} file and its names. */
public final class HostkeysInventory {

    private HostkeysInventory() {
    }

    public static HostKeyPlace place(Inventory inv, String node) {
        var ssh = inv.ssh(node);
        return new HostKeyPlace(NodeNames.of(inv, node), SessionSsh.expand(ssh.knownHosts()),
                java.util.Optional.ofNullable(ssh.hostCa()).map(ca -> new HostKeyPlace.HostCa(SessionSsh.expand(ca),
                        ssh.hostCertValidity())));
    }

    /** The places of inventory nodes; a name the inventory does not have is a usage error, naming them all. */
    public static List<HostKeyPlace> places(Inventory inv, Iterable<String> nodes) {
        List<HostKeyPlace> out = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : nodes) {
            if (inv.node(n).isEmpty()) {
                unknown.add(n);
            } else {
                out.add(place(inv, n));
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException(NodeSet.fromNames(unknown) + ": not in the inventory (" + inv.source() + ")");
        }
        return out;
    }
}
