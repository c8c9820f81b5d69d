package herd.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * Where everything of a lab lives, derived from its spec and slot: node names, loopback and
 * cluster addresses, MACs and ports. Pure computation, so {@code down} and {@code status} can
 * recompute what {@code up} used.
 */
record LabLayout(LabSpec spec, LabSlot slot, List<LabNode> nodes) {
    static final int SSH_PORT = 2222;
    static final int CONSOLE_PORT = 2300;
    static final int FIRST_BMC_OFFSET = 10;
    static final int MAX_BMCS = LabSlot.PORTS - FIRST_BMC_OFFSET;
    static final String PREFIX = "valkyrie";
    static final String DOMAIN = "cluster.local";

    /** Rejects a spec no slot can hold, before anything is created. */
    static void check(LabSpec spec) {
        int total = spec.nodes() + spec.extras().size();
        if (spec.bmc() && total > MAX_BMCS) {
            throw new LabException("lab: BMCs are limited to " + MAX_BMCS + " nodes per lab, " + total
                    + " asked; start it without BMCs (--no-bmc)");
        }
    }

    static LabLayout of(LabSpec spec, LabSlot slot) {
        check(spec);
        int total = spec.nodes() + spec.extras().size();
        List<LabNode> nodes = new ArrayList<>(total);
        int index = 0;
        for (String extra : spec.extras()) {
            int k = LabSpec.EXTRA_NODES.indexOf(extra);
            String group = List.of("mgmt", "storage", "login").get(k);
            String ssh = "127." + slot.octet() + ".250." + (k + 1);
            nodes.add(node(spec, slot, extra, group, ssh, "10.10." + k + ".1",
                    String.format("08:00:27:%02x:00:01", k), index++));
        }
        int width = Math.max(2, Integer.toString(spec.nodes()).length());
        for (int i = 1; i <= spec.nodes(); i++) {
            String name = PREFIX + String.format("%0" + width + "d", i);
            String ssh = "127." + slot.octet() + "." + (i - 1) / 250 + "." + ((i - 1) % 250 + 1);
            String ip = "10.10." + (3 + (i - 1) / 250) + "." + ((i - 1) % 250 + 1);
            String mac = String.format("08:00:27:03:%02x:%02x", i >> 8, i & 0xff);
            nodes.add(node(spec, slot, name, "compute", ssh, ip, mac, index++));
        }
        return new LabLayout(spec, slot, List.copyOf(nodes));
    }

    private static LabNode node(LabSpec spec, LabSlot slot, String name, String group, String ssh,
                                String ip, String mac, int index) {
        int bmc = spec.bmc() ? slot.portBase() + FIRST_BMC_OFFSET + index : 0;
        return new LabNode(name, group, ssh, SSH_PORT, ip, mac, bmc, spec.bmc() ? CONSOLE_PORT : 0);
    }

    int dnsPort() {
        return slot.portBase();
    }

    int rndcPort() {
        return slot.portBase() + 1;
    }

    /** The compute nodes as one nodeset expression (valkyrie[01-04]), or "" without any. */
    String computeNodeset() {
        int n = spec.nodes();
        if (n == 0) {
            return "";
        }
        int width = Math.max(2, Integer.toString(n).length());
        String first = String.format("%0" + width + "d", 1);
        return n == 1 ? PREFIX + first : PREFIX + "[" + first + "-" + String.format("%0" + width + "d", n) + "]";
    }

    LabNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("lab: no node named '" + name + "' in this lab"));
    }
}
