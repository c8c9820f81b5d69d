package herd.lab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs in a lab, for {@code herd lab status}: each node's sshd and BMC, the services, the faults planted.
 *
 * @param lab      the lab
 * @param nodes    one row per node
 * @param services one row per service ("agent", "dns", "dhcp"): name and state
 * @param faults   the faults in force
 */
record LabStatus(Lab lab, List<NodeRow> nodes, List<String> services, List<Fault> faults) {
    /** One node: is its sshd up, is its BMC process alive. */
    record NodeRow(LabNode node, boolean sshUp, boolean bmcUp) {
    }

    static LabStatus of(Lab lab) {
        List<NodeRow> rows = new ArrayList<>();
        for (LabNode n : lab.nodes()) {
            boolean bmc = n.hasBmc() && Procs.readPid(lab.files().node(n.name()).resolve("bmc/ipmi_sim.pid"))
                    .map(Procs::alive).orElse(false);
            rows.add(new NodeRow(n, lab.isNodeRunning(n.name()), bmc));
        }
        List<String> services = new ArrayList<>();
        LabDir d = lab.files();
        if (lab.spec().bmc()) {
            services.add(service("agent (consoles, BMC supervisor)", d.run("agent.pid"), ""));
        }
        if (lab.spec().dns()) {
            services.add(service("dns (named)", d.dns("named.pid"), "127.0.0.1:" + lab.dnsPort()));
        }
        if (lab.spec().dhcp()) {
            services.add(service("dhcp (dhcpd)", d.dhcp("dhcpd.pid"), "netns " + lab.dhcpServerNamespace()));
        }
        return new LabStatus(lab, rows, services, lab.activeFaults());
    }

    private static String service(String name, java.nio.file.Path pidFile, String where) {
        boolean up = Procs.readPid(pidFile).map(Procs::alive).orElse(false);
        return String.format("%-34s %-5s %s", name, up ? "up" : "DOWN", where).stripTrailing();
    }

    private static String time(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ISO_LOCAL_TIME.format(
                t.atZone(java.time.ZoneOffset.UTC).toLocalTime().withNano(0)) + "Z";
    }

    void print(PrintStream out) {
        long sshUp = nodes.stream().filter(NodeRow::sshUp).count();
        long bmcUp = nodes.stream().filter(NodeRow::bmcUp).count();
        out.printf("lab %s: %d nodes, %d on%s, started in %.1f s%n", lab.dir(), nodes.size(), sshUp,
                lab.spec().bmc() ? ", " + bmcUp + " BMCs up" : "", lab.startTime().toMillis() / 1000.0);
        services.forEach(s -> out.println("  " + s));
        out.printf("  %-12s %-20s %-12s %-5s %s%n", "NODE", "SSH", "IP", "POWER", "BMC");
        for (NodeRow r : nodes) {
            LabNode n = r.node();
            String bmc = n.hasBmc() ? "127.0.0.1:" + n.bmcPort() + (r.bmcUp() ? "" : " (down)") : "-";
            out.printf("  %-12s %-20s %-12s %-5s %s%n", n.name(), n.sshHost() + ":" + n.sshPort(), n.ip(),
                    r.sshUp() ? "on" : "off", bmc);
        }
        if (!faults.isEmpty()) {
            out.printf("  faults (%d):%n", faults.size());
            for (Fault f : faults) {
                out.printf("  %-12s %-11s since %s%s%n", f.target(), f.kind(), time(f.since()),
                        f.until().map(u -> ", clears itself at " + time(u)).orElse(""));
            }
        }
    }
}
