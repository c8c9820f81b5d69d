package herd.deploy;

import herd.inventory.Inventory;
import herd.pxe.PxeNode;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where each node's sshd answers once installed (the inventory's ssh host/port, else ip:22). */
public final class DeploySsh {

    private DeploySsh() {
    }

    public static Map<String, InetSocketAddress> addresses(Inventory inv, List<PxeNode> nodes) {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        for (PxeNode n : nodes) {
            var ssh = inv.ssh(n.name());
            String host = ssh.host() != null ? ssh.host() : n.ip();
            out.put(n.name(), new InetSocketAddress(host, ssh.port() != null ? ssh.port() : 22));
        }
        return out;
    }
}
