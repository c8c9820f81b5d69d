package herd.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a lab should contain: compute nodes (valkyrie01..NN), extra nodes of the tutorial
 * (odin, thor, heimdall), which management services run, and the directory it lives in.
 *
 * <pre>{@code
 * LabSpec spec = LabSpec.builder().nodes(4).extras("odin").bmc(true).dns(true).dhcp(false)
 *         .dir(Path.of("/tmp/my-lab")).build();
 * try (Lab lab = Lab.up(spec)) { ... }
 * }</pre>
 *
 * @param nodes      number of compute nodes, at least 0
 * @param extras     extra nodes, each one of {@link #EXTRA_NODES}
 * @param bmc        one ipmi_sim BMC (with SOL console) per node
 * @param dns        a named serving the lab's zones
 * @param dnsDynamic zones accept TSIG-signed dynamic updates (else static: edit + rndc reload)
 * @param dhcp       a dhcpd in a network namespace, with the lab's dhcpd.conf
 * @param redfish    each node's BMC also serves Redfish over HTTPS (same chassis as its ipmi_sim)
 * @param dir        where the lab lives; null picks a fresh temporary directory
 */
public record LabSpec(int nodes, List<String> extras, boolean bmc, boolean dns, boolean dnsDynamic,
                      boolean dhcp, boolean redfish, Path dir) {
    /** The tutorial's extra nodes, in the order they get addresses. */
    public static final List<String> EXTRA_NODES = List.of("odin", "thor", "heimdall");
    /** Largest compute node count (addresses 10.10.3.1 .. 10.10.252.250). */
    public static final int MAX_NODES = 62_000;

    public LabSpec {
        if (nodes < 0 || nodes > MAX_NODES) {
            throw new LabException("lab: node count " + nodes + " is out of range 0.." + MAX_NODES);
        }
        extras = List.copyOf(new LinkedHashSet<>(extras));
        for (String extra : extras) {
            if (!EXTRA_NODES.contains(extra)) {
                throw new LabException("lab: unknown extra node '" + extra + "' (known: odin, thor, heimdall)");
            }
        }
        if (redfish && !bmc) {
            throw new LabException("lab: Redfish is served by the nodes' BMCs: --redfish needs BMCs (drop --no-bmc)");
        }
        if (nodes + extras.size() == 0) {
            throw new LabException("lab: a lab needs at least one node");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the lab has a PXE side (BMCs and DHCP both on): nginx serving the http root, install
     * media staged, and nodes that boot from the network when powered on with boot device PXE.
     */
    public boolean pxe() {
        return bmc && dhcp;
    }

    /** This spec with another directory. */
    public LabSpec withDir(Path newDir) {
        return new LabSpec(nodes, extras, bmc, dns, dnsDynamic, dhcp, redfish, newDir);
    }

    /** Builder with the defaults of {@code herd lab up}: 4 nodes, every service on. */
    public static final class Builder {
        private int nodes = 4;
        private final Set<String> extras = new LinkedHashSet<>();
        private boolean bmc = true;
        private boolean dns = true;
        private boolean dnsDynamic = true;
        private boolean dhcp = true;
        private boolean redfish;
        private Path dir;

        public Builder nodes(int count) {
            this.nodes = count;
            return this;
        }

        public Builder extras(String... names) {
            extras.addAll(List.of(names));
            return this;
        }

        public Builder extras(List<String> names) {
            extras.addAll(names);
            return this;
        }

        public Builder bmc(boolean on) {
            this.bmc = on;
            return this;
        }

        public Builder dns(boolean on) {
            this.dns = on;
            return this;
        }

        public Builder dnsDynamic(boolean on) {
            this.dnsDynamic = on;
            return this;
        }

        public Builder dhcp(boolean on) {
            this.dhcp = on;
            return this;
        }

        public Builder redfish(boolean on) {
            this.redfish = on;
            return this;
        }

        public Builder dir(Path directory) {
            this.dir = directory;
            return this;
        }

        public LabSpec build() {
            List<String> ordered = new ArrayList<>();
            EXTRA_NODES.stream().filter(extras::contains).forEach(ordered::add);
            extras.stream().filter(e -> !EXTRA_NODES.contains(e)).forEach(ordered::add);
            return new LabSpec(nodes, ordered, bmc, dns, dnsDynamic, dhcp, redfish, dir);
        }
    }
}
