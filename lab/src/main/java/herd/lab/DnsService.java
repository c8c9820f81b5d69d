package herd.lab;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's BIND named: forward zone cluster.local and reverse zone 10.10.in-addr.arpa in the
 * tutorial's file formats, listening on 127.0.0.1:dnsPort, rndc on 127.0.0.1:rndcPort, TSIG key
 * {@code ddns-key} allowed to update both zones (unless the lab's DNS is static).
 */
final class DnsService {
    static final String FORWARD = "cluster.local";
    static final String REVERSE = "10.10.in-addr.arpa";

    private DnsService() {
    }

    static void write(LabDir dir, LabLayout layout, Secrets secrets) {
        String serial = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "01";
        LabDir.write(dir.dns("forward"), forward(layout, serial), false);
        LabDir.write(dir.dns("reverse"), reverse(layout, serial), false);
        String rndcKey = "key \"rndc-key\" {\n    algorithm hmac-sha256;\n    secret \"" + secrets.rndcSecret() + "\";\n};\n";
        LabDir.write(dir.dns("rndc.key"), rndcKey, true);
        LabDir.write(dir.dns("rndc.conf"), rndcKey + "options {\n    default-key \"rndc-key\";\n"
                + "    default-server 127.0.0.1;\n    default-port " + layout.rndcPort() + ";\n};\n", true);
        LabDir.write(dir.dns("named.conf"), namedConf(dir, layout, secrets), true);
    }

    /** Checks the zones, starts named inside the lab's namespace and waits until it answers. */
    static void start(LabDir dir, LabLayout layout, long holder) {
        for (String[] zone : new String[][] {{FORWARD, "forward"}, {REVERSE, "reverse"}}) {
            Procs.Result r = Procs.run(List.of("named-checkzone", zone[0], dir.dns(zone[1]).toString()), Duration.ofSeconds(20));
            if (!r.ok()) {
                throw new LabException("lab: zone " + zone[0] + " (" + dir.dns(zone[1]) + ") is invalid: "
                        + r.output().strip().replace('\n', ' '));
            }
        }
        List<String> cmd = new ArrayList<>(MountNamespace.enter(holder));
        cmd.addAll(List.of("named", "-c", dir.dns("named.conf").toString()));
        Procs.check(cmd, Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!answers(layout.dnsPort())) {
            if (System.nanoTime() > deadline) {
                throw new LabException("lab: named on 127.0.0.1:" + layout.dnsPort() + " does not answer (see "
                        + dir.dns("named.log") + ")");
            }
            Procs.sleep(Duration.ofMillis(20));
        }
    }

    private static String namedConf(LabDir dir, LabLayout layout, Secrets secrets) {
        String update = layout.spec().dnsDynamic() ? "key \"ddns-key\";" : "none;";
        return String.join("\n",
                "// herd lab named; zones in the tutorial's format.",
                "options {",
                "    directory \"" + dir.dns("") + "\";",
                "    listen-on port " + layout.dnsPort() + " { 127.0.0.1; };",
                "    listen-on-v6 { none; };",
                "    pid-file \"" + dir.dns("named.pid") + "\";",
                "    session-keyfile \"" + dir.dns("session.key") + "\";",
                "    managed-keys-directory \"" + dir.dns("") + "\";",
                "    allow-query { localhost; 10.10.0.0/16; };",
                "    recursion no;",
                "    dnssec-validation no;",
                "    notify no;",
                "};",
                "logging {",
                "    channel lab_log { file \"" + dir.dns("named.log") + "\"; severity info; print-time yes; };",
                "    category default { lab_log; };",
                "};",
                "key \"rndc-key\" { algorithm hmac-sha256; secret \"" + secrets.rndcSecret() + "\"; };",
                "controls { inet 127.0.0.1 port " + layout.rndcPort() + " allow { 127.0.0.1; } keys { \"rndc-key\"; }; };",
                "key \"ddns-key\" { algorithm hmac-sha256; secret \"" + secrets.ddnsSecret() + "\"; };",
                "zone \"" + FORWARD + "\" IN {",
                "    type primary;",
                "    file \"forward\";",
                "    allow-update { " + update + " };",
                "};",
                "zone \"" + REVERSE + "\" IN {",
                "    type primary;",
                "    file \"reverse\";",
                "    allow-update { " + update + " };",
                "};",
                "");
    }

    private static String soa(String serial) {
        return "$TTL 86400\n"
                + "@   IN  SOA     odin.cluster.local. root.cluster.local. (\n"
                + "        " + serial + "  ;Serial\n"
                + "        3600        ;Refresh\n"
                + "        1800        ;Retry\n"
                + "        604800      ;Expire\n"
                + "        86400       ;Minimum TTL\n"
                + ")\n"
                + "@       IN  NS          odin.cluster.local.\n";
    }

    static String forward(LabLayout layout, String serial) {
        StringBuilder b = new StringBuilder(soa(serial)).append("@       IN  A           10.10.0.1\n\n");
        // The NS record needs odin's address even when odin is not one of the lab's nodes.
        if (layout.nodes().stream().noneMatch(n -> n.name().equals("odin"))) {
            b.append(String.format("%-18s IN  A   %s%n", "odin", "10.10.0.1"));
        }
        for (LabNode n : layout.nodes()) {
            b.append(String.format("%-18s IN  A   %s%n", n.name(), n.ip()));
        }
        return b.toString();
    }

    static String reverse(LabLayout layout, String serial) {
        StringBuilder b = new StringBuilder(soa(serial)).append("@       IN  PTR         cluster.local.\n\n")
                .append("odin      IN  A   10.10.0.1\n\n");
        if (layout.nodes().stream().noneMatch(n -> n.name().equals("odin"))) {
            b.append(String.format("%-10s IN  PTR         %s.cluster.local.%n", "1.0", "odin"));
        }
        for (LabNode n : layout.nodes()) {
            String[] o = n.ip().split("\\.");
            b.append(String.format("%-10s IN  PTR         %s.cluster.local.%n", o[3] + "." + o[2], n.name()));
        }
        return b.toString();
    }

    /** Whether named answers an SOA query for cluster.local with NOERROR and an answer. */
    static boolean answers(int port) {
        ByteBuffer q = ByteBuffer.allocate(64);
        q.putShort((short) 0x4c41).putShort((short) 0).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : FORWARD.split("\\.")) {
            q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.put((byte) 0).putShort((short) 6).putShort((short) 1);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200);
            s.send(new DatagramPacket(q.array(), q.position(), new InetSocketAddress("127.0.0.1", port)));
            byte[] buf = new byte[512];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            s.receive(reply);
            ByteBuffer r = ByteBuffer.wrap(buf, 0, reply.getLength());
            return r.getShort(0) == 0x4c41 && (r.get(3) & 0x0f) == 0 && r.getShort(6) > 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
