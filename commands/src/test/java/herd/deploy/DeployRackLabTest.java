package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.bmc.BmcEngine;
import herd.bmc.BmcPool;
import herd.bmc.BootDevice;
import herd.bmc.BootRequest;
import herd.bmc.BootSetting;
import herd.bmc.InventoryCredentials;
import herd.bmc.IpmiBackend;
import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.LabSpec;
import herd.lab.pxe.PxeLab;
import herd.logs.LogsInventory;
import herd.nodeset.NodeSet;
import herd.pxe.DeployProfile;
import herd.pxe.ProfileParser;
import herd.pxe.PxeChain;
import herd.pxe.PxeInventory;
import herd.pxe.PxeNode;
import herd.pxe.PxeRenderEngine;
import herd.pxe.PxeRenderRequest;
import herd.session.Cancellation;
import herd.session.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rack deployed at once on the lab (20 nodes; {@code -Dherd.deploy.rack=100} for more), install
 * time shortened, with three planted problems: a node without DHCP entry, a node whose installer
 * hangs (it never reports finished), a node forced into a reinstall loop (put back on PXE with its
 * install file each time herd switched it to disk). Every other node reaches ssh-up and boots its
 * disk; the three are the ones that need a person, each with its reason, and they alone fill the
 * outcome sets the command leaves.
 */
class DeployRackLabTest {

    static final int NODES = Integer.getInteger("herd.deploy.rack", 20);
    static final Duration STAGE_LIMIT = Duration.ofSeconds(Integer.getInteger("herd.deploy.rack.stage-seconds", 60));
    static Lab lab;

    @BeforeAll
    static void up() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx not installed: the lab's PXE web server");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed: the lab's PXE node fetches with it");
        lab = Lab.up(LabSpec.builder().nodes(NODES).bmc(true).dns(true).dhcp(true).build());
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.down();
        }
    }

    @Test
    void everyNodeButThePlantedThreeIsUpAndTheThreeNeedAPersonForTheirReason() throws Exception {
        Inventory inv = InventoryLoader.load(lab.inventoryFile());
        Map<String, DeployProfile> profiles = ProfileParser.parseText(
                "compute: {os: el, version: '9', kernel-args: 'console=ttyS0,115200'}", "rack-profiles.yaml");
        List<String> names = lab.nodes().stream().map(LabNode::name).toList();
        String noDhcp = names.get(NODES / 4 - 1);
        String hangs = names.get(NODES / 2 - 1);
        String loops = names.get(NODES * 3 / 4 - 1);
        Files.writeString(lab.dhcpdConf(), Files.readString(lab.dhcpdConf()).replace(
                "hardware ethernet " + lab.node(noDhcp).mac().toUpperCase() + ";", "hardware ethernet 08:00:27:FF:FF:FF;"));
        lab.restartDhcpd();
        // dhcpd is back only once it answers: a node booting before that gets no offer and gives up (PXE-E51).
        long answered = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!lab.dhcpRequest(names.get(0)).bound() && System.nanoTime() < answered) {
            Thread.sleep(200);
        }
        PxeLab.installTime(lab, Duration.ofSeconds(3));
        PxeLab.installTime(lab, hangs, Duration.ofHours(1));

        try (BmcPool pool = new BmcPool(new IpmiBackend(Duration.ofSeconds(6)), Duration.ofSeconds(30))) {
            BmcEngine bmc = new BmcEngine(pool, 16);
            InventoryCredentials credentials = new InventoryCredentials(inv, new SecretStore(Map.of()), prompt -> {
                throw new AssertionError("no prompt expected: " + prompt);
            });
            List<PxeNode> pxe = PxeInventory.pxeNodes(inv, NodeSet.fromNames(names), profiles, "compute");
            DeployRequest request = new DeployRequest(pxe, profiles, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                    LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), DeployEngine.hostKeys(inv, pxe),
                    DeployTimeouts.uniform(STAGE_LIMIT), Duration.ofMinutes(20));
            long t0 = System.nanoTime();
            DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(request, new BmcBootControl(bmc, credentials),
                    e -> { });
            Thread loop = forceReinstallLoop(loops, job, inv, profiles, bmc, credentials);
            try {
                Duration healthyUp = null;
                long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
                while (!job.settled() && System.nanoTime() < deadline) {
                    if (healthyUp == null && job.progress().stream().filter(NodeProgress::done).count() == NODES - 3) {
                        healthyUp = Duration.ofNanos(System.nanoTime() - t0);
                    }
                    Thread.sleep(250);
                }
                Duration settled = Duration.ofNanos(System.nanoTime() - t0);
                List<NodeProgress> rows = job.progress();
                Instant now = Instant.now();
                List<String> summary = DeploySummary.lines(rows, now);
                System.out.println("deploy of " + NODES + " lab nodes: all " + (NODES - 3) + " healthy nodes up in "
                        + (healthyUp == null ? "-" : healthyUp.toMillis() + " ms") + ", settled in " + settled.toMillis()
                        + " ms (stage limit " + STAGE_LIMIT.toSeconds() + " s)\n" + String.join("\n", summary));
                assertThat(job.settled()).as(String.join("\n", summary)).isTrue();

                Set<String> planted = Set.of(noDhcp, hangs, loops);
                for (NodeProgress p : rows) {
                    if (!planted.contains(p.node())) {
                        assertThat(p.stage()).as(p + "\n" + String.join("\n", PxeLab.console(lab, p.node())))
                                .isEqualTo(Stage.SSH_UP);
                        assertThat(p.reinstalls()).as(p.node()).isZero();
                        assertThat(lab.isNodeRunning(p.node())).as(p.node()).isTrue();
                        assertThat(lab.bootDevice(p.node())).as(p.node()).isNotEqualTo("pxe");
                    }
                }
                NodeProgress a = row(rows, noDhcp);
                NodeProgress b = row(rows, hangs);
                NodeProgress c = row(rows, loops);
                assertThat(a.outcome()).isEqualTo("stuck at waiting-dhcp");
                assertThat(a.evidence()).isEqualTo("DHCPDISCOVER from " + lab.node(noDhcp).mac()
                        + " via br0: network 10.10.0.0/16: no free leases");
                assertThat(b.outcome()).isEqualTo("stuck at installing");
                assertThat(b.evidence()).contains("GET /repositories/AlmaLinux/9/x86_64/os/.treeinfo");
                assertThat(c.outcome()).as(c + "\n" + String.join("\n", PxeLab.console(lab, loops))).isEqualTo("reinstall loop");
                assertThat(c.reinstalls()).isPositive();
                assertThat(summary).contains("    " + noDhcp + ": " + a.evidence(), "    " + hangs + ": " + b.evidence())
                        .anyMatch(l -> l.matches("stuck at waiting-dhcp +" + noDhcp + " \\(1\\)"))
                        .anyMatch(l -> l.matches("stuck at installing +" + hangs + " \\(1\\)"))
                        .anyMatch(l -> l.matches("reinstall loop +" + loops + " \\(1\\)"));
                assertThat(DeployView.lines(rows, now, 200, 60)).contains("needs a person: 3");

                Map<String, List<String>> sets = DeployEngine.outcomes(rows, false).groups();
                assertThat(sets.get("failed")).containsExactlyInAnyOrder(noDhcp, hangs, loops);
                assertThat(sets.get("stuck")).containsExactlyInAnyOrder(noDhcp, hangs);
                assertThat(sets.get("ok")).hasSize(NODES - 3).doesNotContainAnyElementsOf(planted);
            } finally {
                loop.interrupt();
                job.stop();
                job.await(Duration.ofSeconds(10));
                loop.join(10_000);
            }
        }
    }

    private static boolean installed(DeployJob job, String node) {
        return job.progress().stream().anyMatch(p -> p.node().equals(node) && p.stage().compareTo(Stage.INSTALL_FINISHED) >= 0);
    }

    private static boolean switchedToDisk(String node, Inventory inv) {
        try {
            return PxeChain.of(PxeInventory.httpRoot(inv), node).get(1).linkTarget().equals("../nodes_groups/local_disk.ipxe")
                    && !lab.bootDevice(node).equals("pxe");
        } catch (RuntimeException e) {
            return false; // not rendered yet, or being rewritten this instant: look again
        }
    }

    private static NodeProgress row(List<NodeProgress> rows, String node) {
        return rows.stream().filter(p -> p.node().equals(node)).findFirst().orElseThrow();
    }

    /**
     * What the tutorial warns about, each time: once herd switched the node to its disk (link and
     * BMC), something puts it back on PXE with its install file (a BMC keeping the old boot order,
     * a stale link), so that its next boot installs again.
     */
    private static Thread forceReinstallLoop(String node, DeployJob job, Inventory inv, Map<String, DeployProfile> profiles,
                                             BmcEngine bmc, InventoryCredentials credentials) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (installed(job, node) && switchedToDisk(node, inv)) {
                        new PxeRenderEngine().render(new PxeRenderRequest(PxeInventory.httpRoot(inv),
                                PxeInventory.tftpRoot(inv), PxeInventory.pxeNodes(inv, NodeSet.parse(node), profiles,
                                "compute"), profiles, Set.of(node), false));
                        bmc.boot(new BootRequest(List.of(node), Optional.of(new BootSetting(BootDevice.PXE, false, false))),
                                credentials, Cancellation.create(), (d, x) -> { });
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reinstall-loop " + node);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
