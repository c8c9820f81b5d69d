package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import herd.bmc.BmcEngine;
import herd.bmc.BmcPool;
import herd.bmc.InventoryCredentials;
import herd.bmc.IpmiBackend;
import herd.bmc.MixedBackend;
import herd.bmc.RedfishBackend;
import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.lab.pxe.PxeLab;
import herd.logs.LogsInventory;
import herd.nodeset.NodeSet;
import herd.pxe.DeployProfile;
import herd.pxe.ProfileParser;
import herd.pxe.PxeInventory;
import herd.pxe.PxeNode;
import herd.session.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** deploy on nodes whose BMCs speak Redfish: a one-time PXE boot override, a reset, the install followed to ssh-up. */
@LabConfig(nodes = 2, bmc = true, dns = true, dhcp = true, redfish = true)
class DeployRedfishTest {

    Lab lab;

    @Test
    void redfishNodesInstallThroughTheBootOverrideAndAReset() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx not installed (Debian nginx-light): the lab's PXE web server");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed: the lab's PXE node fetches with it");
        Inventory inv = InventoryLoader.load(lab.inventoryFile());
        Map<String, DeployProfile> profiles = ProfileParser.parseText(
                "compute: {os: el, version: '9', kernel-args: 'console=ttyS0,115200'}", "test-profiles.yaml");
        List<DeployEvent> events = new CopyOnWriteArrayList<>();
        PxeLab.installTime(lab, Duration.ofSeconds(2));
        try (BmcPool pool = new BmcPool(new MixedBackend(new IpmiBackend(Duration.ofSeconds(10)),
                new RedfishBackend(Duration.ofSeconds(10))), Duration.ofSeconds(30))) {
            var credentials = new InventoryCredentials(inv, new SecretStore(Map.of()), prompt -> {
                throw new AssertionError("no prompt expected: " + prompt);
            });
            List<PxeNode> pxe = PxeInventory.pxeNodes(inv, NodeSet.parse("valkyrie[01-02]"), profiles, "compute");
            DeployRequest request = new DeployRequest(pxe, profiles, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                    LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), DeployEngine.hostKeys(inv, pxe),
                    DeployTimeouts.uniform(Duration.ofSeconds(60)), Duration.ofSeconds(150));
            DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(request,
                    new BmcBootControl(new BmcEngine(pool, 8), credentials), events::add);
            assertThat(job.await(Duration.ofSeconds(160))).as("deploy ended; events " + events).isTrue();
            assertThat(job.succeeded()).as("problems " + job.problems() + " events " + events).isTrue();
        }
        for (String node : List.of("valkyrie01", "valkyrie02")) {
            assertThat(events).anyMatch(e -> e instanceof DeployEvent.StageReached r && r.node().equals(node)
                    && r.stage() == Stage.SSH_UP);
            List<String> requests = lab.redfishRequests(node);
            assertThat(requests).anyMatch(l -> l.startsWith("PATCH /redfish/v1/Systems/1 200 token If-Match="));
            assertThat(requests).anyMatch(l -> l.startsWith("POST /redfish/v1/Systems/1/Actions/ComputerSystem.Reset 202"));
            assertThat(lab.chassisLog(node)).anyMatch(l -> l.endsWith("network boot"));
            assertThat(lab.bootDevice(node)).isNotEqualTo("pxe");
            assertThat(lab.isNodeRunning(node)).isTrue();
        }
    }
}
