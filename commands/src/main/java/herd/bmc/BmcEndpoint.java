package herd.bmc;

import herd.session.Reason;
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
 */
public record BmcEndpoint(String node, String host, int port, String user, int cipherSuite, String passwordRef) {

    public BmcEndpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordRef, "passwordRef");
        if (port < 1 || port > 65535) {
            throw new BmcException(node + ": bmc port " + port + " is out of range");
        }
    }

    /** The node's BMC from the inventory's layered {@code bmc:} keys. */
    public static BmcEndpoint of(String node, herd.inventory.Bmc bmc) {
        if (bmc.host() == null) {
            throw new BmcException(node, "no BMC in the inventory (bmc.host)", Reason.FAILED, null);
        }
        return new BmcEndpoint(node, bmc.host(), bmc.port() == null ? 623 : bmc.port(),
                bmc.user() == null ? "admin" : bmc.user(), bmc.cipherSuite() == null ? 3 : bmc.cipherSuite(),
                bmc.password() == null ? "prompt" : bmc.password());
    }

    /** "127.0.0.1:9001", for messages. */
    public String address() {
        return host + ":" + port;
    }
}
