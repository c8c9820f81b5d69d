package herd.lab;

import herd.lab.redfish.ChassisProgram;
import herd.lab.redfish.RedfishServer;
import herd.lab.redfish.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The Redfish side of a lab's BMCs: a lab CA ({@code tls/ca.pem}, which the lab's inventory
 * pins) and one server certificate for 127.0.0.1 signed by it, made with openssl at {@code up};
 * then, in the lab agent, one {@link RedfishServer} per node on TCP 127.0.0.1:bmcPort (the UDP
 * port of the same number is its ipmi_sim), driving the node's chassis program.
 */
final class RedfishBmcs {

    private RedfishBmcs() {
    }

    static Path ca(LabDir dir) {
        return dir.root().resolve("tls/ca.pem");
    }

    /** Where the service of a node keeps its files ({@code hang}, {@code reset-types}, boot override). */
    static Path state(LabDir dir, String node) {
        return dir.node(node).resolve("redfish");
    }

    static void write(LabDir dir, LabLayout layout) {
        Path tls = dir.root().resolve("tls");
        try {
            Files.createDirectories(tls);
            for (LabNode node : layout.nodes()) {
                Files.createDirectories(state(dir, node.name()));
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot create " + tls + ": " + e.getMessage(), e);
        }
        String key = "ec_paramgen_curve:P-256";
        Procs.check(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", key, "-nodes",
                "-keyout", tls.resolve("ca.key").toString(), "-out", ca(dir).toString(), "-days", "3650",
                "-subj", "/CN=herd lab CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign"), Duration.ofSeconds(30));
        Procs.check(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", key, "-nodes",
                "-keyout", tls.resolve("bmc.key").toString(), "-out", tls.resolve("bmc.pem").toString(),
                "-days", "3650", "-subj", "/CN=herd lab BMC", "-CA", ca(dir).toString(),
                "-CAkey", tls.resolve("ca.key").toString(), "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-addext", "basicConstraints=CA:FALSE", "-addext", "extendedKeyUsage=serverAuth"), Duration.ofSeconds(30));
    }

    /** Starts every node's Redfish service (in the lab agent). */
    static void start(LabDir dir, List<LabNode> nodes) throws IOException {
        // A warm client keeps its connection between commands (herd asks every 20 s): the JDK
        // server's default closes it after 30 s idle, which a real BMC does not do that soon.
        System.setProperty("sun.net.httpserver.idleInterval", "600");
        SSLContext tls = Tls.server(dir.root().resolve("tls/bmc.pem"), dir.root().resolve("tls/bmc.key"));
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "redfish");
            t.setDaemon(true);
            return t;
        });
        String password = Secrets.read(dir).bmcPassword();
        for (LabNode node : nodes) {
            RedfishServer.start(new InetSocketAddress(node.bmcHost(), node.bmcPort()), tls,
                    new ChassisProgram(dir.bin("chassis"), node.name()), state(dir, node.name()), "admin", password,
                    executor);
        }
    }
}
