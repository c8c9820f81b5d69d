package herd.bmc;

import herd.session.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a Redfish service's certificate is judged, as the inventory says: a CA file (the chain
 * and the host name are checked, as a browser does), a pinned SHA-256 fingerprint (that one
 * certificate, whatever its name or issuer: for self-signed BMC certificates), {@code insecure}
 * (anything), or else the JDK's trusted CAs.
 *
 * <pre>{@code
 * SSLContext tls = RedfishTls.context(new RedfishService(url, "/etc/herd/bmc-ca.pem", null, false));
 * }</pre>
 */
final class RedfishTls {

    private RedfishTls() {
    }

    static SSLContext context(RedfishService service) {
        try {
            if (service.insecure()) {
                return withTrust(new Pinned(null));
            }
            if (service.fingerprint() != null) {
                return withTrust(new Pinned(service.fingerprint()));
            }
            if (service.ca() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(caStore(Path.of(service.ca())));
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context;
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new BmcException("Redfish TLS (" + service.trust() + ")", String.valueOf(e.getMessage()), Reason.FAILED, e);
        }
    }

    private static SSLContext withTrust(TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    private static KeyStore caStore(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new BmcException("bmc.ca " + file, "holds no PEM certificate", Reason.FAILED, null);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca" + i++, c);
            }
            return store;
        } catch (IOException e) {
            throw new BmcException("bmc.ca " + file, "cannot be read (" + e.getMessage() + ")", Reason.FAILED, e);
        } catch (CertificateException e) {
            throw new BmcException("bmc.ca " + file, "is not a PEM certificate (" + e.getMessage() + ")", Reason.FAILED, e);
        }
    }

    /** SHA-256 of a certificate, lower-case hex. */
    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    /**
     * Trusts the one certificate whose fingerprint is pinned (null: any). An extended trust
     * manager, so the JDK adds no host-name check: the pin names the certificate itself.
     */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final String pin;

        Pinned(String pin) {
            this.pin = pin;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (pin == null) {
                return;
            }
            String seen = fingerprint(chain[0]);
            if (!seen.equals(pin)) {
                throw new CertificateException("the certificate's SHA-256 fingerprint " + seen
                        + " is not the pinned one (bmc.fingerprint)");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("herd is no TLS server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("herd is no TLS server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("herd is no TLS server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
