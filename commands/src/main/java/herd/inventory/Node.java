package herd.inventory;

import java.util.List;

/**
 * One node as the inventory declares it (its own layer only; merged settings come from
 * {@link Inventory#ssh(String)} and {@link Inventory#bmc(String)}).
 *
 * @param name     host name
 * @param ip       cluster address or null
 * @param mac      boot interface MAC (lower case) or null
 * @param groups   groups the node's entry adds it to
 * @param settings the node's own ssh/bmc/profile layer
 * @param line     line of the node's entry in the inventory file (for messages)
 */
public record Node(String name, String ip, String mac, List<String> groups, Settings settings, int line) {

    public Node {
        groups = List.copyOf(groups);
    }
}
