package herd.lab;

import java.util.List;

/**
 * The lab's inventory ({@code DIR/cluster.yaml}, in the format of docs/inventory.md) and its
 * {@code /etc/hosts}-style file (the tutorial's format, cluster addresses).
 */
final class InventoryFiles {
    private InventoryFiles() {
    }

    static void write(LabDir dir, LabLayout layout) {
        LabDir.write(dir.inventory(), inventory(dir, layout), false);
        LabDir.write(dir.clusterHosts(), hosts(layout), false);
    }

    static String hosts(LabLayout layout) {
        StringBuilder b = new StringBuilder()
                .append("127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n")
                .append("::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n\n");
        for (LabNode node : layout.nodes()) {
            b.append(String.format("%-11s %s%n", node.ip(), node.name()));
        }
        return b.toString();
    }

    private static String inventory(LabDir dir, LabLayout layout) {
        LabSpec spec = layout.spec();
        StringBuilder b = new StringBuilder()
                .append("# herd lab inventory, written by 'herd lab up', removed by 'herd lab down'.\n")
                .append("cluster:\n  name: lab\n  domain: ").append(LabLayout.DOMAIN).append("\n\n")
                .append("networks:\n  - name: ice1-1\n    subnet: 10.10.0.0/16\n    gateway: 10.10.0.1\n")
                .append("    next-server: 10.10.0.1\n\n")
                .append("services:\n");
        services(b, dir, layout);
        // The lab's changes are recorded in the lab, not in the machine's /var/log/herd.
        b.append("audit:\n  file: ").append(q(dir.log("audit.log"))).append("\n\n");
        b.append("defaults:\n  ssh:\n    user: root\n    port: ").append(LabLayout.SSH_PORT)
                .append("\n    identity: ").append(q(dir.sshKey()))
                .append("\n    known-hosts: ").append(q(dir.knownHosts())).append('\n');
        if (spec.bmc()) {
            b.append("  bmc:\n    user: admin\n    password: ").append(bmcPassword(dir))
                    .append("\n    cipher-suite: 3\n");
            if (spec.redfish()) {
                // Power and boot over Redfish, verified against the lab's CA; the console stays IPMI SOL.
                b.append("    protocol: redfish\n    ca: ").append(q(RedfishBmcs.ca(dir))).append('\n');
            }
        }
        b.append("\ngroups:\n");
        layout.nodes().stream().filter(n -> !n.group().equals("compute"))
                .forEach(n -> b.append("  ").append(n.group()).append(": ").append(n.name()).append('\n'));
        if (spec.nodes() > 0) {
            b.append("  compute: ").append(q(layout.computeNodeset())).append('\n');
        }
        if (spec.pxe() && spec.nodes() > 0) {
            // A ready profile for the staged EL 9 media: deploy @all --profile compute works at once.
            b.append("\ngroup-defaults:\n  compute:\n    profile: compute\n");
        }
        nodes(b, dir, layout);
        if (spec.pxe()) {
            b.append("\nprofiles:\n  compute: {os: el, version: \"9\", kernel-args: \"console=ttyS0,115200\"}\n");
        }
        variables(b, dir, layout);
        return b.toString();
    }

    /**
     * The commands of scripts/tutorial.csh (and the other shipped scripts) that differ on the lab's
     * Debian nodes from the EL 9 ones the scripts default to (set -d), and where the lab's files are.
     */
    private static void variables(StringBuilder b, LabDir dir, LabLayout layout) {
        List<String> extras = layout.spec().extras();
        String login = extras.contains("heimdall") ? "@login," : "";
        b.append("\nvariables:\n")
                .append("  HOSTS_FILE: ").append(q(dir.clusterHosts())).append('\n')
                .append("  TIME_CONF: /etc/chrony/chrony.conf        # Debian's place for it\n")
                .append("  TIME_ONESHOT: \"chronyd -Q\"                # measure only: the clock is the host's (-q would set it)\n")
                .append("  PKG_CLEAN: \"apt-get clean\"\n")
                .append("  USER_ADD: useradd                          # Debian's adduser is another program\n")
                .append("  NFS_SERVER: ").append(extras.contains("thor") ? "thor" : "odin").append('\n')
                .append("  NFS_CLIENTS: ").append(q(login + "@compute")).append('\n')
                .append("  NFS_MOUNT: \"perl /etc/herd-lab/units/nfs-mount\"   # no NFS client in this kernel: says so, reads the export\n");
    }

    private static void nodes(StringBuilder b, LabDir dir, LabLayout layout) {
        b.append("\nnodes:\n");
        for (LabNode node : layout.nodes()) {
            b.append("  ").append(node.name()).append(":\n    ip: ").append(node.ip())
                    .append("\n    mac: ").append(q(node.mac()))
                    .append("\n    ssh: {host: ").append(node.sshHost()).append(", port: ").append(node.sshPort()).append("}\n");
            if (node.hasBmc()) {
                b.append("    bmc: {host: ").append(node.bmcHost()).append(", port: ").append(node.bmcPort())
                        .append(", user: admin, password: ").append(bmcPassword(dir));
                if (layout.spec().redfish()) {
                    b.append(", url: ").append(q(redfishUrl(node)));
                }
                b.append("}\n");
            }
        }
    }

    private static void services(StringBuilder b, LabDir dir, LabLayout layout) {
        LabSpec spec = layout.spec();
        if (spec.dhcp()) {
            b.append("  dhcp:\n    conf: ").append(q(dir.dhcp("dhcpd.conf")))
                    .append("\n    restart: ").append(q(dir.bin("dhcpd-restart") + " restart")).append('\n');
        }
        if (spec.dns()) {
            b.append("  dns:\n    server: 127.0.0.1\n    port: ").append(layout.dnsPort())
                    .append("\n    zones:\n      cluster.local: ").append(q(dir.dns("forward")))
                    .append("\n      10.10.in-addr.arpa: ").append(q(dir.dns("reverse")))
                    .append("\n    rndc: ").append(q("rndc -c " + dir.dns("rndc.conf") + " -s 127.0.0.1 -p " + layout.rndcPort()))
                    .append("\n    tsig: {name: ddns-key, algorithm: hmac-sha256, secret: ")
                    .append(q("file:" + dir.secrets() + "#" + Secrets.DDNS_KEY)).append("}")
                    .append("\n    dynamic: ").append(spec.dnsDynamic()).append('\n');
        }
        b.append("  hosts: ").append(q(dir.clusterHosts()))
                .append("\n  http-root: ").append(q(dir.root().resolve("www")))
                .append("\n  http-log: ").append(q(dir.log("http-access.log")))
                .append("\n  tftp-root: ").append(q(dir.root().resolve("tftpboot")))
                .append("\n  dhcp-log: ").append(q(dir.log("dhcpd.log"))).append("\n\n");
    }

    static String redfishUrl(LabNode node) {
        return "https://" + node.bmcHost() + ":" + node.bmcPort();
    }

    private static String bmcPassword(LabDir dir) {
        return q("file:" + dir.secrets() + "#" + Secrets.BMC_KEY);
    }

    /** A YAML double-quoted scalar. */
    private static String q(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
