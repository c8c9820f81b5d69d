package herd.inventory;

/**
 * How herd reaches a node's BMC (IPMI lanplus). Layered like {@link Ssh}; see {@link Inventory#bmc(String)}.
 *
 * @param host        BMC address; null means unknown (no BMC)
 * @param port        UDP port (623)
 * @param user        BMC user
 * @param password    a secret reference: {@code env:NAME}, {@code file:PATH#KEY} or {@code prompt}
 * @param cipherSuite RMCP+ cipher suite (3 by default)
 */
public record Bmc(String host, Integer port, String user, String password, Integer cipherSuite) {

    static final Bmc NONE = new Bmc(null, null, null, null, null);
    static final Bmc BUILT_IN = new Bmc(null, 623, "admin", "prompt", 3);

    /** This layer over {@code base}: a field set here wins. */
    public Bmc over(Bmc base) {
        return new Bmc(Ssh.pick(host, base.host), Ssh.pick(port, base.port), Ssh.pick(user, base.user),
                Ssh.pick(password, base.password), Ssh.pick(cipherSuite, base.cipherSuite));
    }
}
