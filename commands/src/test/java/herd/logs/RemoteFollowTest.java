package herd.logs;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** follow NODE:FILE over SSH, against a lab node's real sshd (lab nodes share this machine's files). */
@LabConfig(nodes = 1)
class RemoteFollowTest {

    Lab lab;

    @Test
    void aFileOnAnotherNodeIsTailedOverSsh() throws Exception {
        Inventory inv = InventoryLoader.load(lab.inventoryFile());
        // The log is on the node's own disk; this machine writes it through the node's root.
        Path log = Path.of("/var/log/remote-dhcpd.log");
        Path written = Files.writeString(lab.nodeRoot("valkyrie01").resolve("var/log/remote-dhcpd.log"), "before follow\n");
        LogSource source = LogsInventory.source(inv, "valkyrie01:" + log);
        assertThat(source.label()).isEqualTo("valkyrie01:" + log);
        Collector c = new Collector();
        FollowJob job = new FollowEngine(LogsInventory.tagger(inv)).start(FollowRequest.of(List.of(source)), c);
        try {
            String ack = "DHCPACK on " + lab.node("valkyrie01").ip() + " to " + lab.node("valkyrie01").mac() + " via br0";
            // tail -F starts at the end once ssh is up: append until the line comes through.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.raws().isEmpty() && System.nanoTime() < deadline) {
                Files.writeString(written, ack + "\n", StandardOpenOption.APPEND);
                Thread.sleep(300);
            }
            TaggedLine t = c.seen.stream().filter(e -> e instanceof FollowEvent.Line).map(e -> ((FollowEvent.Line) e).line())
                    .findFirst().orElseThrow(() -> new AssertionError("nothing came over ssh: " + c.seen));
            assertThat(t.line().raw()).isEqualTo(ack);
            assertThat(t.node()).contains("valkyrie01");
            assertThat(t.line().source()).isEqualTo("valkyrie01:" + log);
            assertThat(c.raws()).doesNotContain("before follow");
        } finally {
            job.stop();
        }
        assertThat(job.running()).isFalse();
    }

    @Test
    void aNodeNameThatIsNotInTheInventoryIsALocalPath() {
        Inventory inv = InventoryLoader.load(lab.inventoryFile());
        assertThat(LogsInventory.source(inv, "journal:dhcpd")).isEqualTo(new LogSource.Journal(List.of("dhcpd"), List.of()));
        assertThat(LogsInventory.source(inv, "nosuch:/x")).isEqualTo(new LogSource.File(Path.of("nosuch:/x")));
        LogSource.Journal remote = (LogSource.Journal) LogsInventory.source(inv, "valkyrie01:journal:dhcpd");
        assertThat(remote.command(false)).startsWith("ssh").endsWith("--", "journalctl", "--no-pager", "-f", "-o", "json",
                "-n", "0", "-u", "dhcpd");
    }
}
