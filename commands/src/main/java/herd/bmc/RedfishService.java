package herd.bmc;

import java.net.URI;
import java.util.Objects;

/**
 * Where a node's Redfish service is and how its certificate is trusted, from the inventory's
 * {@code bmc.url}, {@code bmc.ca}, {@code bmc.fingerprint} and {@code bmc.insecure}:
 * {@code new RedfishService(URI.create("https://10.10.1.5"), "/etc/herd/bmc-ca.pem", null, false)}.
 * Without a CA or fingerprint the JDK's trusted CAs judge the certificate.
 *
 * @param url         {@code https://host[:port]}
 * @param ca          PEM file of the CA (or of the certificate itself), or null
 * @param fingerprint SHA-256 of the certificate (64 lower-case hex digits), or null
 * @param insecure    accept any certificate
 */
public record RedfishService(URI url, String ca, String fingerprint, boolean insecure) {

    public RedfishService {
        Objects.requireNonNull(url, "url");
    }

    /** The way the certificate is judged, for messages and for sharing one HTTP client per way. */
    public String trust() {
        if (insecure) {
            return "insecure";
        }
        if (fingerprint != null) {
            return "fingerprint " + fingerprint;
        }
        return ca != null ? "ca " + ca : "system CAs";
    }
}
