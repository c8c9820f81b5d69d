package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import herd.hostkeys.HostKey;
import herd.logs.LogLineParser;
import herd.logs.NodeTagger;
import herd.pxe.DeployProfile;
import herd.pxe.InstallContext;
import herd.pxe.RenderersTest;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which host key reports the tracker takes: from the node's own address, after its installer
 * config in this deployment, once; the rest are refused and prove no install. Lines in nginx's
 * combined format; the callback's own shell line run for real against an HTTP server.
 */
class DeployHostKeysTest {

    static final String K = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ/ao8fBLNo7qwPJcYjQdIl";
    static final String KEY_QUERY = "key=ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ%2Fao8fBLNo7qwPJcYjQdIl";
    final LogLineParser parser = new LogLineParser(new NodeTagger(List.of(
            new NodeTagger.Address("valkyrie01", "10.10.3.1", "08:00:27:0d:f8:a5"),
            new NodeTagger.Address("valkyrie02", "10.10.3.2", "08:00:27:0d:f8:a6"),
            new NodeTagger.Address("valkyrie03", "10.10.3.3", "08:00:27:0d:f8:a7"))), ZoneOffset.UTC);
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    final DeployProfile profile = RenderersTest.profiles().get("storage");
    Instant now = Instant.parse("2026-11-25T17:00:00Z");
    DeployTracker tracker;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        tracker = new DeployTracker(DeployTimeouts.uniform(Duration.ofMinutes(3)), events::add);
        tracker.track("valkyrie01", "10.10.3.1", ChainPaths.of("valkyrie01", profile), now);
        tracker.track("valkyrie02", "10.10.3.2", ChainPaths.of("valkyrie02", profile), now);
    }

    private void get(String ip, String path) {
        now = now.plusSeconds(1);
        tracker.accept(parser.parse("access.log", ip + " - - [25/Nov/2026:17:26:46 +0000] \"GET " + path
                + " HTTP/1.1\" 200 153 \"-\" \"curl/7.88.1\"", now), now);
    }

    private void config(String ip) {
        get(ip, "/nodes_groups/group_storage.kickstart.cfg");
    }

    private List<DeployEvent.HostKeysRefused> refused() {
        return events.stream().filter(DeployEvent.HostKeysRefused.class::isInstance)
                .map(DeployEvent.HostKeysRefused.class::cast).toList();
    }

    private List<DeployEvent.HostKeysReported> reported() {
        return events.stream().filter(DeployEvent.HostKeysReported.class::isInstance)
                .map(DeployEvent.HostKeysReported.class::cast).toList();
    }

    private Stage stage(int row) {
        return tracker.progress().get(row).stage();
    }

    @Test
    void theNodesOwnReportAfterItsConfigIsTakenOnce() {
        config("10.10.3.1");
        get("10.10.3.1", "/herd/install-finished?" + KEY_QUERY);
        assertThat(reported()).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo("valkyrie01");
            assertThat(r.keys()).containsExactly(HostKey.parse(K));
        });
        assertThat(stage(0)).isEqualTo(Stage.INSTALL_FINISHED);
        get("10.10.3.1", "/herd/install-finished?" + KEY_QUERY);
        assertThat(reported()).hasSize(1);
        assertThat(refused()).singleElement().extracting(DeployEvent.HostKeysRefused::why)
                .isEqualTo("a second report for the same install (the first was taken)");
        assertThat(tracker.progress().get(0).hostKeys()).as("what was taken stands").isNotEqualTo("refused");
        get("10.10.3.2", "/herd/install-finished?" + KEY_QUERY);
        assertThat(tracker.progress().get(1).hostKeys()).isEqualTo("refused");
    }

    @Test
    void aReportBeforeTheNodesConfigIsRefusedAndProvesNoInstall() {
        get("10.10.3.2", "/nodes/valkyrie02.ipxe");
        get("10.10.3.2", "/herd/install-finished?" + KEY_QUERY);
        assertThat(reported()).isEmpty();
        assertThat(refused()).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo("valkyrie02");
            assertThat(r.why()).isEqualTo("it came before valkyrie02 fetched its installer config in this deployment");
            assertThat(r.message()).isEqualTo("host keys from 10.10.3.2 refused: it came before valkyrie02 fetched its"
                    + " installer config in this deployment; nothing written to known_hosts. Check what sent that"
                    + " callback (the web server's access log); if valkyrie02 was reinstalled outside a deploy, check"
                    + " its key on its console, then 'hostkeys forget valkyrie02'");
        });
        assertThat(stage(1)).as("not install-finished: the BMC is not switched to disk").isEqualTo(Stage.NODE_FILE);
    }

    @Test
    void aReportFromAnotherAddressIsRefusedWhateverItNames() {
        config("10.10.3.1");
        get("10.10.3.3", "/herd/install-finished?" + KEY_QUERY);             // valkyrie03: not deployed
        get("10.10.9.9", "/herd/install-finished?" + KEY_QUERY + "&node=valkyrie01");   // no node's address
        assertThat(refused()).extracting(DeployEvent.HostKeysRefused::node, DeployEvent.HostKeysRefused::why)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("valkyrie03",
                                "it came from 10.10.3.3, which is not the address of a node in this deployment"),
                        org.assertj.core.groups.Tuple.tuple("valkyrie01", "it came from 10.10.9.9, which is not the"
                                + " address of a node in this deployment (valkyrie01 is 10.10.3.1)"));
        assertThat(stage(0)).isEqualTo(Stage.INSTALLER_CONFIG);
        get("10.10.3.1", "/herd/install-finished?" + KEY_QUERY);
        assertThat(reported()).extracting(DeployEvent::node).as("the window is still the node's").containsExactly("valkyrie01");
    }

    @Test
    void aBadKeyIsRefusedAndACallbackWithoutKeysIsWarnedAbout() {
        config("10.10.3.1");
        get("10.10.3.1", "/herd/install-finished?key=ssh-ed25519%20AAAAnotakey");
        assertThat(refused()).singleElement().extracting(DeployEvent.HostKeysRefused::why).asString()
                .startsWith("not a public key");
        config("10.10.3.2");
        get("10.10.3.2", "/herd/install-finished");
        assertThat(stage(1)).isEqualTo(Stage.INSTALL_FINISHED);
        assertThat(events).filteredOn(DeployEvent.Problem.class::isInstance).singleElement()
                .extracting(e -> ((DeployEvent.Problem) e).message()).asString()
                .startsWith("its install-finished callback carried no host key");
    }

    @Test
    void aReinstallOpensANewWindow() {
        config("10.10.3.1");
        get("10.10.3.1", "/herd/install-finished?" + KEY_QUERY);
        get("10.10.3.1", "/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz");
        config("10.10.3.1");
        get("10.10.3.1", "/herd/install-finished?" + KEY_QUERY);
        assertThat(reported()).hasSize(2);
        assertThat(refused()).isEmpty();
    }

    /** The rendered callback line itself, run by sh with a directory of real keys as /etc/ssh. */
    @Test
    void theRenderedCallbackCarriesEveryHostKeyOfTheInstalledSystem() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc-ssh"));
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", etc.resolve("ssh_host_ed25519_key").toString());
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", etc.resolve("ssh_host_ecdsa_key").toString());
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", etc.resolve("ssh_host_rsa_key").toString());
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            queries.add(x.getRequestURI().getRawPath() + "?" + x.getRequestURI().getRawQuery());
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            String line = new InstallContext("storage", "127.0.0.1:" + server.getAddress().getPort()).callbackCommand();
            // The installed system's /etc/ssh is the directory above, in a mount namespace of the test's own.
            run("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                    "mount --bind \"$1\" /etc/ssh && exec sh -c \"$2\"", "sh", etc.toString(), line);
        } finally {
            server.stop(0);
        }
        assertThat(queries).singleElement().asString().startsWith("/herd/install-finished?key=");
        config("10.10.3.1");
        get("10.10.3.1", queries.get(0));
        List<HostKey> onDisk = new ArrayList<>();
        for (String name : List.of("ssh_host_ecdsa_key.pub", "ssh_host_ed25519_key.pub", "ssh_host_rsa_key.pub")) {
            onDisk.add(HostKey.parse(Files.readString(etc.resolve(name))));
        }
        assertThat(reported()).singleElement().extracting(DeployEvent.HostKeysReported::keys).asList()
                .containsExactlyElementsOf(onDisk);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
