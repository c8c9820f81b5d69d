package herd.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.FileEditor;
import herd.files.FileProblem;
import herd.files.LocalFileAccess;
import herd.files.Resources;
import herd.files.Text;
import herd.files.WriteMode;
import herd.inventory.Network;
import herd.services.DhcpSettings;
import herd.services.DnsSettings;
import herd.services.ServiceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetEngineTest {
    @TempDir
    Path dir;
    NetEngine net;
    Map<String, String> originals = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        for (String f : List.of("dhcpd.conf", "forward", "reverse", "hosts")) {
            String text = Resources.text("tutorial/" + f);
            Files.write(dir.resolve(f), Text.encode(text));
            originals.put(f, text);
        }
        Map<String, String> zones = new LinkedHashMap<>();
        zones.put("cluster.local", path("forward"));
        zones.put("10.10.in-addr.arpa", path("reverse"));
        ServiceSettings s = new ServiceSettings(null, new DhcpSettings(path("dhcpd.conf"), ""),
                new DnsSettings(zones, "cluster.local", "127.0.0.1", 53, "", null, false), path("hosts"),
                "cluster.local", List.of(new Network("ice1-1", "10.10.0.0/16", "10.10.0.1", "10.10.0.1")));
        net = new NetEngine(new FileEditor(new LocalFileAccess()), s,
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void theTutorialsFilesImportCleanly() {
        NetImport imported = net.importNodes(List.of());
        assertThat(imported.nodes()).extracting(NetNode::name, NetNode::ip, NetNode::mac).containsExactly(
                org.assertj.core.groups.Tuple.tuple("thor", "10.10.1.1", "08:00:27:18:68:bc"),
                org.assertj.core.groups.Tuple.tuple("heimdall", "10.10.2.1", "08:00:27:18:58:bc"),
                org.assertj.core.groups.Tuple.tuple("valkyrie01", "10.10.3.1", "08:00:27:18:67:bc"),
                org.assertj.core.groups.Tuple.tuple("valkyrie02", "10.10.3.2", "08:00:27:18:68:bc"),
                org.assertj.core.groups.Tuple.tuple("odin", "10.10.0.1", null));
        assertThat(imported.warnings()).containsExactly(path("dhcpd.conf")
                + ":359: MAC 08:00:27:18:68:bc used by several hosts: thor, valkyrie02".replace(":359:", ":46:"));
        assertThat(imported.yaml()).startsWith("nodes:\n  thor:\n    ip: 10.10.1.1\n    mac: 08:00:27:18:68:bc\n");
    }

    @Test
    void checkReportsEveryInconsistencyAndChangesNothing() throws IOException {
        Files.writeString(dir.resolve("reverse"), originals.get("reverse")
                .replace("2.3        IN  PTR         valkyrie02.cluster.local.\n", "9.3        IN  PTR         ghost.cluster.local.\n"));
        Files.writeString(dir.resolve("hosts"), originals.get("hosts").replace("10.10.2.1   heimdall", "10.10.2.1   loki"));
        List<NetNode> inventory = List.of(new NetNode("valkyrie01", "10.10.3.1", "08:00:27:18:67:bc", "cluster.yaml", 30),
                new NetNode("valkyrie07", "10.10.3.7", "08:00:27:18:67:07", "cluster.yaml", 40),
                new NetNode("far", "10.99.0.1", null, "cluster.yaml", 50));
        List<String> found = net.check(inventory).stream().map(FileProblem::toString).toList();
        assertThat(found).containsExactly(
                path("dhcpd.conf") + ":46: MAC 08:00:27:18:68:bc used by several hosts: thor, valkyrie02",
                path("forward") + ":17: valkyrie02.cluster.local. A 10.10.3.2 has no PTR",
                path("reverse") + ":19: PTR 10.10.3.9 -> ghost.cluster.local. has no A record ghost.cluster.local. 10.10.3.9 in the configured zones",
                path("hosts") + ":6: 10.10.2.1 is loki here but heimdall in DNS",
                "cluster.yaml:40: node valkyrie07: no host entry in " + path("dhcpd.conf"),
                "cluster.yaml:40: node valkyrie07: no A record in DNS",
                "cluster.yaml:40: node valkyrie07: not in " + path("hosts"),
                "cluster.yaml:50: node far: 10.99.0.1 is outside every network of the inventory",
                "cluster.yaml:50: node far: no A record in DNS",
                "cluster.yaml:50: node far: not in " + path("hosts"));
    }

    @Test
    void syncMakesEveryFileAgreeAndIsIdempotent() throws IOException {
        List<NetNode> nodes = List.of(new NetNode("valkyrie01", "10.10.3.11", "08:00:27:18:67:bc", "cluster.yaml", 30),
                new NetNode("valkyrie03", "10.10.3.3", "08:00:27:18:69:bc", "cluster.yaml", 40));
        NetResult dry = net.sync(nodes, WriteMode.DRY_RUN);
        assertThat(dry.diff()).contains("-valkyrie01         IN  A   10.10.3.1", "+valkyrie01         IN  A   10.10.3.11",
                "+host valkyrie03 {", "+10.10.3.3   valkyrie03", "+3.3        IN  PTR         valkyrie03.cluster.local.");
        assertFilesAre(originals);
        net.sync(nodes, WriteMode.WRITE);
        assertThat(net.check(nodes).stream().map(FileProblem::message).toList())
                .containsExactly("MAC 08:00:27:18:68:bc used by several hosts: thor, valkyrie02");
        Map<String, String> synced = new LinkedHashMap<>();
        for (String f : originals.keySet()) {
            synced.put(f, Files.readString(dir.resolve(f)));
        }
        NetResult again = net.sync(nodes, WriteMode.WRITE);
        assertThat(again.actions()).isEmpty();
        assertFilesAre(synced);
    }

    @Test
    void aSyncThatFailsValidationWritesNoFile() throws IOException {
        List<NetNode> nodes = new ArrayList<>(List.of(new NetNode("valkyrie03", "10.10.3.3", "08:00:27:18:69:bc", "c", 1),
                new NetNode("valkyrie04", "10.10.3.3", "08:00:27:18:69:bd", "c", 2)));
        assertThatThrownBy(() -> net.sync(nodes, WriteMode.WRITE))
                .hasMessageStartingWith(path("dhcpd.conf") + ":").hasMessageContaining("fixed-address 10.10.3.3 used by several hosts");
        assertFilesAre(originals);
    }

    private void assertFilesAre(Map<String, String> expected) throws IOException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(Files.readString(dir.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }
}
