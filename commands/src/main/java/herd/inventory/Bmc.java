package herd.inventory;

/**
 * How herd reaches a node's BMC: IPMI lanplus (host, port, cipher suite) or Redfish (url, TLS
 * trust). Layered like {@link Ssh}; see {@link Inventory#bmc(String)}.
 *
 * @param host        BMC address; null means unknown (no BMC unless a Redfish url is given)
 * @param port        UDP port (623)
 * @param user        BMC user
 * @param password    a secret reference: {@code env:NAME}, {@code file:PATH#KEY} or {@code prompt}
 * @param cipherSuite RMCP+ cipher suite (3 by default)
 * @param protocol    {@code ipmi} (the default) or {@code redfish}: what power and bootdev speak
 * @param url         the Redfish service, {@code https://host[:port]}
 * @param ca          PEM file of the CA (or the certificate itself) that the service's certificate must chain to
 * @param fingerprint SHA-256 of the service's certificate, 64 hex digits: pinned, the CA is not asked
 * @param insecure    accept any certificate (said on every use); only by explicit choice
 */
public record Bmc(String host, Integer port, String user, String password, Integer cipherSuite, String protocol,
                  String url, String ca, String fingerprint, Boolean insecure) {

    static final Bmc NONE = new Bmc(null, null, null, null, null, null, null, null, null, null);
    static final Bmc BUILT_IN = new Bmc(null, 623, "admin", "prompt", 3, "ipmi", null, null, null, false);

    /** This layer over {@code base}: a field set here wins. */
    public Bmc over(Bmc base) {
        return new Bmc(Ssh.pick(host, base.host), Ssh.pick(port, base.port), Ssh.pick(user, base.user),
                Ssh.pick(password, base.password), Ssh.pick(cipherSuite, base.cipherSuite),
                Ssh.pick(protocol, base.protocol), Ssh.pick(url, base.url), Ssh.pick(ca, base.ca),
                Ssh.pick(fingerprint, base.fingerprint), Ssh.pick(insecure, base.insecure));
    }

    /** Whether power and bootdev go over Redfish. */
    public boolean redfish() {
        return "redfish".equals(protocol);
    }
}
