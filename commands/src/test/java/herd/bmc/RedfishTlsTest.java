package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.lab.redfish.ChassisProgram;
import herd.lab.redfish.RedfishServer;
import herd.lab.redfish.Tls;
import herd.session.Reason;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates: a BMC with a self-signed certificate (the lab's Redfish service given one made by
 * openssl) is refused unless its fingerprint is pinned or insecure is chosen; a CA that did not
 * sign it does not make it trusted; the lab's services, signed by the lab CA, pass with that CA.
 */
@LabConfig(nodes = 1, bmc = true, redfish = true)
class RedfishTlsTest {

    static Lab lab;
    @TempDir
    static Path dir;
    private static RedfishServer selfSigned;
    private static ExecutorService executor;
    private static String fingerprint;

    @BeforeAll
    static void startSelfSignedService() throws Exception {
        Witnesses.Result made = Witnesses.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("self.key").toString(), "-out",
                dir.resolve("self.pem").toString(), "-days", "2", "-subj", "/CN=self-signed BMC",
                "-addext", "subjectAltName=IP:127.0.0.1"), Map.of());
        assertThat(made.status()).as(made.out()).isZero();
        String sha = Witnesses.run(List.of("openssl", "x509", "-in", dir.resolve("self.pem").toString(), "-noout",
                "-fingerprint", "-sha256"), Map.of()).out().strip();
        fingerprint = sha.substring(sha.indexOf('=') + 1).replace(":", "").toLowerCase(java.util.Locale.ROOT);
        executor = Executors.newCachedThreadPool();
        Files.createDirectories(dir.resolve("state"));
        selfSigned = RedfishServer.start(new InetSocketAddress("127.0.0.1", 0),
                Tls.server(dir.resolve("self.pem"), dir.resolve("self.key")),
                new ChassisProgram(lab.dir().resolve("bin/chassis"), "valkyrie01"), dir.resolve("state"), "admin",
                lab.bmcPassword(), executor);
    }

    @AfterAll
    static void stop() {
        if (selfSigned != null) {
            selfSigned.stop();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static PowerState status(RedfishService service) {
        try (RedfishBackend backend = new RedfishBackend(Duration.ofSeconds(10));
             Bmc bmc = backend.login(new BmcEndpoint("valkyrie01", "127.0.0.1", 623, "admin", 3, "prompt", service),
                     lab.bmcPassword())) {
            return bmc.powerState();
        }
    }

    private static RedfishService selfSigned(String ca, String pin, boolean insecure) {
        return new RedfishService(URI.create("https://127.0.0.1:" + selfSigned.port()), ca, pin, insecure);
    }

    @Test
    void aSelfSignedCertificateIsRefusedWithoutThePin() {
        assertThatThrownBy(() -> status(selfSigned(null, null, false))).isInstanceOf(BmcException.class)
                .satisfies(e -> {
                    assertThat(((BmcException) e).reason()).isEqualTo(Reason.HOST_KEY_MISMATCH);
                    assertThat(((BmcException) e).detail()).startsWith("certificate not trusted (");
                });
    }

    @Test
    void aCaThatDidNotSignItDoesNotMakeItTrusted() {
        assertThatThrownBy(() -> status(selfSigned(lab.redfishCa().toString(), null, false)))
                .isInstanceOf(BmcException.class).hasMessageContaining("certificate not trusted");
    }

    @Test
    void thePinnedFingerprintIsTrustedAndAnotherIsNot() {
        assertThat(status(selfSigned(null, fingerprint, false))).isEqualTo(PowerState.ON);
        String other = fingerprint.substring(1) + (fingerprint.charAt(0) == 'a' ? 'b' : 'a');
        assertThatThrownBy(() -> status(selfSigned(null, other, false))).isInstanceOf(BmcException.class)
                .hasMessageContaining("certificate not trusted").hasMessageContaining("is not the pinned one");
    }

    @Test
    void insecureAcceptsItOnlyWhenChosen() {
        assertThat(status(selfSigned(null, null, true))).isEqualTo(PowerState.ON);
    }

    @Test
    void theLabServicesPassWithTheLabCaAndNotWithoutIt() {
        URI url = URI.create(lab.redfishUrl("valkyrie01"));
        assertThat(status(new RedfishService(url, lab.redfishCa().toString(), null, false))).isEqualTo(PowerState.ON);
        assertThatThrownBy(() -> status(new RedfishService(url, null, null, false)))
                .hasMessageContaining("certificate not trusted");
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        assertThatThrownBy(() -> status(selfSigned(dir.resolve("missing.pem").toString(), null, false)))
                .isInstanceOf(BmcException.class).hasMessageContaining("bmc.ca " + dir.resolve("missing.pem"))
                .hasMessageContaining("cannot be read");
    }
}
