package herd.bmc;

import herd.session.Reason;
import java.net.URI;
import java.util.Objects;

/**
 * Where and as whom a node's BMC is reached, from the inventory's {@code bmc:} keys.
 * {@code new BmcEndpoint("valkyrie01", "127.0.0.1", 9001, "admin", 3, "env:HERD_BMC_PASSWORD")}.
 * The password is a reference (see {@code SecretStore}), never the secret itself.
 *
 * @param node        the node this BMC manages
 * @param host        BMC address or name
 * @param port        UDP port (623 on real hardware)
 * @param user        BMC user name
 * @param cipherSuite RMCP+ cipher suite id (3 = HMAC-SHA1 / AES-CBC-128)
 * @param passwordRef {@code env:NAME}, {@code file:PATH#KEY} or {@code prompt}
 * @param redfish     the node's Redfish service when power and bootdev speak Redfish, else null (IPMI)
 */
public record BmcEndpoint(String node, String host, int port, String user, int cipherSuite, String passwordRef,
                          RedfishService redfish) {

    /** An IPMI BMC. */
    public BmcEndpoint(String node, String host, int port, String user, int cipherSuite, String passwordRef) {
        this(node, host, port, user, cipherSuite, passwordRef, null);
    }

    public BmcEndpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordRef, "passwordRef");
        if (port < 1 || port > 65535) {
            throw new BmcException(node + ": bmc port " + port + " is out of range");
        }
    }

    /**
     * The node's BMC from the inventory's layered {@code bmc:} keys. A Redfish node without
     * {@code bmc.host} has its console (IPMI SOL) on the host of its URL.
     */
    public static BmcEndpoint of(String node, herd.inventory.Bmc bmc) {
        RedfishService redfish = null;
        if (bmc.redfish()) {
            if (bmc.url() == null) {
                throw new BmcException(node, "no Redfish service in the inventory (bmc.url)", Reason.FAILED, null);
            }
            redfish = new RedfishService(URI.create(bmc.url()), bmc.ca(), bmc.fingerprint(),
                    Boolean.TRUE.equals(bmc.insecure()));
        }
        String host = bmc.host() != null ? bmc.host() : redfish != null ? redfish.url().getHost() : null;
        if (host == null) {
            throw new BmcException(node, "no BMC in the inventory (bmc.host)", Reason.FAILED, null);
        }
        return new BmcEndpoint(node, host, bmc.port() == null ? 623 : bmc.port(),
                bmc.user() == null ? "admin" : bmc.user(), bmc.cipherSuite() == null ? 3 : bmc.cipherSuite(),
                bmc.password() == null ? "prompt" : bmc.password(), redfish);
    }

    /** "127.0.0.1:9001" (the IPMI side: power and bootdev when not Redfish, the console always), for messages. */
    public String address() {
        return host + ":" + port;
    }
}
