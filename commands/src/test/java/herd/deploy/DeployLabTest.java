package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import herd.bmc.BmcEngine;
import herd.bmc.BmcPool;
import herd.bmc.InventoryCredentials;
import herd.bmc.IpmiBackend;
import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.lab.pxe.PxeLab;
import herd.logs.LogsInventory;
import herd.nodeset.NodeSet;
import herd.session.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deploy end to end on the lab: real BMCs (ipmi_sim) get bootdev pxe and a power cycle, the lab's
 * PXE side boots the nodes (real dhclient against the lab's dhcpd, the iPXE chain over nginx),
 * and herd follows them from dhcpd's log and nginx's access log to ssh-up.
 */
@LabConfig(nodes = 4, bmc = true, dhcp = true)
class DeployLabTest {

    Lab lab;
    Inventory inv;
    IpmiBackend ipmi;
    BmcPool pool;
    BmcBootControl boot;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, DeployProfile> profiles = ProfileParser.parseText(
            "compute: {os: el, version: '9', kernel-args: 'console=ttyS0,115200'}", "test-profiles.yaml");

    @BeforeEach
    void setUp() {
        inv = InventoryLoader.load(lab.inventoryFile());
        PxeLab.stageInstallMedia(DeployInventory.httpRoot(inv), DeployInventory.tftpRoot(inv));
        ipmi = new IpmiBackend(Duration.ofSeconds(2), 4);
        pool = new BmcPool(ipmi, Duration.ofSeconds(30));
        boot = new BmcBootControl(new BmcEngine(pool, 8), new InventoryCredentials(inv, new SecretStore(Map.of()),
                prompt -> {
                    throw new AssertionError("no prompt expected: " + prompt);
                }));
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    private DeployRequest request(String nodes, Duration stageTimeout, Duration overall) {
        List<PxeNode> pxe = DeployInventory.pxeNodes(inv, NodeSet.parse(nodes), profiles, "compute");
        return new DeployRequest(pxe, profiles, DeployInventory.httpRoot(inv), DeployInventory.tftpRoot(inv),
                LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), DeployTimeouts.uniform(stageTimeout),
                overall);
    }

    private List<Stage> reached(String node) {
        return events.stream().filter(e -> e instanceof DeployEvent.StageReached r && r.node().equals(node))
                .map(e -> ((DeployEvent.StageReached) e).stage()).toList();
    }

    @Test
    void fourNodesReachSshUpWithEveryStageSeenInTheLogs() throws Exception {
        try (PxeLab pxe = PxeLab.start(lab, Duration.ofSeconds(2))) {
            DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(
                    request("valkyrie[01-04]", Duration.ofSeconds(30), Duration.ofSeconds(90)), boot, events::add);
            assertThat(job.await(Duration.ofSeconds(100))).as("deploy ended; events " + events).isTrue();
            assertThat(job.succeeded()).as("problems " + job.problems() + " events " + events).isTrue();
            for (String node : List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04")) {
                // No TFTP server in the lab: the iPXE binary stage is the only one not seen.
                assertThat(reached(node)).as(node + " " + pxe.console(node)).containsExactly(Stage.DHCP_OFFERED,
                        Stage.DHCP_ACKED, Stage.BOOT_SCRIPT, Stage.NODE_FILE, Stage.KERNEL, Stage.INITRD,
                        Stage.INSTALLER_CONFIG, Stage.INSTALLING, Stage.INSTALL_FINISHED, Stage.REBOOTED, Stage.SSH_UP);
                assertThat(lab.bootDevice(node)).isNotEqualTo("pxe");
                assertThat(lab.isNodeRunning(node)).isTrue();
            }
            assertThat(PxeChain.of(DeployInventory.httpRoot(inv), "valkyrie01").get(1).linkTarget())
                    .isEqualTo("../nodes_groups/local_disk.ipxe");
            assertThat(events).noneMatch(e -> e instanceof DeployEvent.ReinstallDetected || e instanceof DeployEvent.Stuck
                    || e instanceof DeployEvent.Problem);
        }
    }
}
