package herd.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import herd.pxe.DeployProfile;
import herd.pxe.ProfileParser;
import herd.pxe.PxeChain;
import herd.pxe.PxeInventory;
import herd.pxe.PxeNode;
import herd.pxe.PxeRenderEngine;
import herd.pxe.PxeRenderRequest;
import herd.session.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deploy end to end on the lab: real BMCs (ipmi_sim) get bootdev pxe and a power cycle, the lab's
 * PXE side (its agent, on the BMCs' power-on) boots the nodes (real dhclient against the lab's dhcpd, the iPXE chain over nginx),
 * and herd follows them from dhcpd's log and nginx's access log to ssh-up.
 */
@LabConfig(nodes = 4, bmc = true, dns = true, dhcp = true)
class DeployLabTest {

    Lab lab;
    @org.junit.jupiter.api.io.TempDir
    Path tmp;
    Inventory inv;
    IpmiBackend ipmi;
    BmcPool pool;
    BmcBootControl boot;
    BmcEngine bmc;
    InventoryCredentials credentials;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, DeployProfile> profiles = ProfileParser.parseText(
            "compute: {os: el, version: '9', kernel-args: 'console=ttyS0,115200'}", "test-profiles.yaml");

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")),
                "nginx not installed (Debian nginx-light): the lab's PXE web server");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")),
                "curl not installed: the lab's PXE node fetches with it");
        events.clear();
        inv = InventoryLoader.load(lab.inventoryFile());
        ipmi = new IpmiBackend(Duration.ofSeconds(6));
        pool = new BmcPool(ipmi, Duration.ofSeconds(30));
        bmc = new BmcEngine(pool, 8);
        credentials = new InventoryCredentials(inv, new SecretStore(Map.of()), prompt -> {
            throw new AssertionError("no prompt expected: " + prompt);
        });
        boot = new BmcBootControl(bmc, credentials);
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    private DeployRequest request(String nodes, Duration stageTimeout, Duration overall) {
        List<PxeNode> pxe = PxeInventory.pxeNodes(inv, NodeSet.parse(nodes), profiles, "compute");
        return new DeployRequest(pxe, profiles, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), DeployEngine.hostKeys(inv, pxe), DeployTimeouts.uniform(stageTimeout),
                overall);
    }

    private List<Stage> reached(String node) {
        return events.stream().filter(e -> e instanceof DeployEvent.StageReached r && r.node().equals(node))
                .map(e -> ((DeployEvent.StageReached) e).stage()).toList();
    }

    @Test
    void fourNodesReachSshUpWithEveryStageSeenInTheLogsAndTheirNewHostKeysTrusted() throws Exception {
        List<String> all = List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04");
        Map<String, String> k1 = new java.util.HashMap<>();
        for (String node : all) {
            if (!lab.isNodeRunning(node)) {
                lab.startNode(node);   // left in firmware by a test of a node that got no DHCP
            }
            k1.put(node, keyscan(lab.node(node)));
            assertThat(Files.readString(lab.knownHosts())).as(node + ": " + PxeLab.console(lab, node))
                    .contains(k1.get(node));
        }
        PxeLab.installTime(lab, Duration.ofSeconds(2));
        DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(
                request("valkyrie[01-04]", Duration.ofSeconds(30), Duration.ofSeconds(90)), boot, events::add);
        assertThat(job.await(Duration.ofSeconds(100))).as("deploy ended; events " + events).isTrue();
        assertThat(job.succeeded()).as("problems " + job.problems() + " consoles " + consoles() + " events " + events)
                .isTrue();
        for (String node : List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04")) {
            // No TFTP server in the lab: the iPXE binary stage is the only one not seen.
            // Every stage, each once (no TFTP server in the lab: no iPXE binary stage). Two logs
            // are read by two tails, so a DHCP line may be reported after the first HTTP ones.
            assertThat(reached(node)).as(node + " " + PxeLab.console(lab, node)).containsExactlyInAnyOrder(
                    Stage.DHCP_OFFERED, Stage.DHCP_ACKED, Stage.BOOT_SCRIPT, Stage.NODE_FILE, Stage.KERNEL,
                    Stage.INITRD, Stage.INSTALLER_CONFIG, Stage.INSTALLING, Stage.INSTALL_FINISHED, Stage.REBOOTED,
                    Stage.SSH_UP);
            assertThat(reached(node)).containsSubsequence(Stage.BOOT_SCRIPT, Stage.NODE_FILE, Stage.KERNEL,
                    Stage.INITRD, Stage.INSTALLER_CONFIG, Stage.INSTALLING, Stage.INSTALL_FINISHED, Stage.REBOOTED,
                    Stage.SSH_UP);
            assertThat(lab.bootDevice(node)).isNotEqualTo("pxe");
            assertThat(lab.isNodeRunning(node)).isTrue();
        }
        assertThat(PxeChain.of(PxeInventory.httpRoot(inv), "valkyrie01").get(1).linkTarget())
                .isEqualTo("../nodes_groups/local_disk.ipxe");
        assertThat(events).noneMatch(e -> e instanceof DeployEvent.ReinstallDetected || e instanceof DeployEvent.Stuck
                || e instanceof DeployEvent.Problem || e instanceof DeployEvent.HostKeysRefused);
        // Each install gave the node a new key (K2), which its callback carried to herd: pinned in place of K1.
        String known = Files.readString(lab.knownHosts());
        for (String node : all) {
            String k2 = keyscan(lab.node(node));
            assertThat(k2).as(node + " has a new host key").isNotEqualTo(k1.get(node));
            assertThat(known).contains(k2).doesNotContain(k1.get(node));
            assertThat(known.lines().filter(l -> l.contains(k2))).singleElement().asString()
                    .startsWith("[" + node + "]:2222,[" + lab.node(node).sshHost() + "]:2222," + lab.node(node).ip() + " ");
            assertThat(job.progress()).filteredOn(p -> p.node().equals(node)).singleElement()
                    .extracting(NodeProgress::hostKeys).asString()
                    .contains("ED25519 " + herd.hostkeys.HostKey.parse(k2).fingerprint());
            assertThat(ssh(lab.node(node), "hostname").strip()).as("OpenSSH, strict, on the same known_hosts")
                    .isEqualTo(node);
        }
        assertThat(events).filteredOn(DeployEvent.HostKeysLearned.class::isInstance).extracting(DeployEvent::node)
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(Path.of(lab.knownHosts() + ".herd-bak")).exists();
        try (herd.ssh.ConnectionPool strict = herd.ssh.LabSsh.pool(lab)) {
            for (String node : all) {
                try (herd.ssh.RemoteCommand c = strict.exec(herd.ssh.LabSsh.target(lab, node), "hostname",
                        Duration.ofSeconds(10))) {
                    assertThat(new String(c.stdout().readAllBytes()).strip()).as("herd's ssh, strict").isEqualTo(node);
                    assertThat(c.waitFor(Duration.ofSeconds(10))).isTrue();
                }
            }
        }
    }

    /** The ed25519 key the node's sshd presents now, "ssh-ed25519 BASE64", by OpenSSH's ssh-keyscan. */
    private static String keyscan(herd.lab.LabNode node) throws Exception {
        Process p = new ProcessBuilder("ssh-keyscan", "-t", "ed25519", "-p", "2222", node.sshHost())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        assertThat(out).as("ssh-keyscan " + node.name()).contains("ssh-ed25519 ");
        return out.split(" ", 2)[1];
    }

    @Test
    void deployReinstallsTheNodeAsItsInstallerConfigSays() throws Exception {
        String hash = "$6$herdlab$Ynq8cbtHZ0mQKjBHMmBw9qpfX6aJvzLXc6E0gJrQm0Ue5CL6nJrjb2nBh6oxl.9KbNn9AP2Gq1vWg5sQaBuKe.";
        Map<String, DeployProfile> own = ProfileParser.parseText("compute: {os: el, version: '9', timezone: Europe/Paris,"
                + " root-password-hash: '" + hash + "', ssh-keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHerdLabProfileKey profile@herd'],"
                + " packages: [chrony, no-such-package-here], post: ['echo installed-by-post > /etc/herd-post']}",
                "test-profiles.yaml");
        String before = Files.readString(lab.knownHosts());
        herd.lab.LabNode node = lab.node("valkyrie01");
        assertThat(ssh(node, "echo old > /root/before && echo ok").strip()).isEqualTo("ok");
        PxeLab.installTime(lab, Duration.ofSeconds(1));
        List<PxeNode> pxe = PxeInventory.pxeNodes(inv, NodeSet.parse("valkyrie01"), own, "compute");
        DeployRequest request = new DeployRequest(pxe, own, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), DeployEngine.hostKeys(inv, pxe), DeployTimeouts.uniform(Duration.ofSeconds(30)),
                Duration.ofSeconds(90));
        DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(request, boot, events::add);
        assertThat(job.await(Duration.ofSeconds(100))).isTrue();
        assertThat(job.succeeded()).as("problems " + job.problems() + " consoles " + consoles()).isTrue();
        // The node's own state proves the install: read back over ssh, with the lab's known_hosts
        // (which now holds the node's new host key: strict checking passes only with it).
        String after = Files.readString(lab.knownHosts());
        assertThat(after).isNotEqualTo(before);
        assertThat(after.lines().filter(l -> l.startsWith("[valkyrie02]:"))).isEqualTo(
                before.lines().filter(l -> l.startsWith("[valkyrie02]:")).toList());
        String state = ssh(node, "ls /root/before 2>&1; getent shadow root | cut -d: -f2; cat /etc/timezone;"
                + " readlink /etc/localtime; grep -c HerdLabProfileKey /root/.ssh/authorized_keys; cat /etc/herd-post;"
                + " hostname; grep package /root/herd-lab-install.log");
        assertThat(state).isEqualTo("ls: cannot access '/root/before': No such file or directory\n" + hash + "\n"
                + "Europe/Paris\n/usr/share/zoneinfo/Europe/Paris\n1\ninstalled-by-post\nvalkyrie01\n"
                + "package chrony: present\npackage no-such-package-here: not on this host (the lab installs no package)\n");
        String keyscan = new String(new ProcessBuilder("ssh-keyscan", "-t", "ed25519", "-p", "2222", node.sshHost())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start().getInputStream().readAllBytes());
        assertThat(after).contains(keyscan.strip().split(" ", 2)[1]);
    }

    private String ssh(herd.lab.LabNode node, String command) throws Exception {
        Process p = new ProcessBuilder("ssh", "-F", "/dev/null", "-i", lab.sshKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-p", "2222", "root@" + node.sshHost(), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Test
    void aNodeWithoutDhcpEntryIsReportedStuckAtTheDhcpStage() throws Exception {
        String conf = Files.readString(lab.dhcpdConf());
        String mac = lab.node("valkyrie04").mac().toUpperCase();
        Files.writeString(lab.dhcpdConf(), conf.replace("hardware ethernet " + mac + ";",
                "hardware ethernet 08:00:27:FF:FF:FF;"));
        lab.restartDhcpd();
        long gaveUp04 = gaveUp("valkyrie04");
        try {
            PxeLab.installTime(lab, Duration.ofSeconds(1));
            DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(
                    request("valkyrie[03-04]", Duration.ofSeconds(8), Duration.ofSeconds(16)), boot, events::add);
            DeployEvent.Stuck stuck = awaitEvent(DeployEvent.Stuck.class, Duration.ofSeconds(16));
            assertThat(stuck.node()).isEqualTo("valkyrie04");
            assertThat(stuck.stage()).isEqualTo(Stage.WAITING);
            assertThat(stuck.message()).startsWith("valkyrie04: stuck at waiting-dhcp for ")
                    .endsWith("last event: DHCPDISCOVER from " + lab.node("valkyrie04").mac() + " via br0: network "
                            + "10.10.0.0/16: no free leases");
            job.await(Duration.ofSeconds(20));
            assertThat(job.progress()).extracting(NodeProgress::node, NodeProgress::stage)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("valkyrie03", Stage.SSH_UP),
                            org.assertj.core.groups.Tuple.tuple("valkyrie04", Stage.WAITING));
            assertThat(PxeLab.console(lab, "valkyrie04")).anyMatch(l -> l.endsWith("PXE-E51: no DHCP offers were received"));
        } finally {
            awaitFirmwareGaveUp("valkyrie04", gaveUp04);
            Files.writeString(lab.dhcpdConf(), conf);
            lab.restartDhcpd();
        }
    }

    @Test
    void withAHostCaTheNodePresentsACertificateThatTheCaLineAloneVerifies() throws Exception {
        Path ca = tmp.resolve("host_ca");
        herd.hostkeys.HostKey caKey = herd.hostkeys.HostCertifier.init(ca, "herd host CA (lab)");
        PxeLab.installTime(lab, Duration.ofSeconds(1));
        List<PxeNode> pxe = PxeInventory.pxeNodes(inv, NodeSet.parse("valkyrie01"), profiles, "compute");
        Map<String, herd.hostkeys.HostKeyPlace> places = new java.util.HashMap<>();
        DeployEngine.hostKeys(inv, pxe).forEach((n, p) -> places.put(n, new herd.hostkeys.HostKeyPlace(p.names(),
                p.knownHosts(), java.util.Optional.of(new herd.hostkeys.HostKeyPlace.HostCa(ca, "-5m:+1h")))));
        DeployRequest request = new DeployRequest(pxe, profiles, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), places,
                DeployTimeouts.uniform(Duration.ofSeconds(30)), Duration.ofSeconds(90));
        DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(request, boot, events::add);
        assertThat(job.await(Duration.ofSeconds(100))).isTrue();
        assertThat(job.succeeded()).as("problems " + job.problems() + " consoles " + consoles()).isTrue();
        assertThat(events).filteredOn(DeployEvent.HostKeysLearned.class::isInstance).singleElement()
                .extracting(e -> ((DeployEvent.HostKeysLearned) e).summary()).asString().endsWith(", certified");
        Path etc = lab.nodeRoot("valkyrie01").resolve("etc/ssh");
        assertThat(Files.readString(etc.resolve("sshd_config"))).as("console " + PxeLab.console(lab, "valkyrie01")
                + "\npublished " + Files.list(PxeInventory.httpRoot(inv).resolve("herd/host-certs")).toList()
                + "\nevents " + events)
                .contains("HostCertificate /etc/ssh/ssh_host_ed25519_key-cert.pub");
        // Only the CA's line: no key of the node is pinned, its certificate is what is trusted.
        Path caOnly = Files.write(tmp.resolve("known_hosts"), Files.readAllLines(lab.knownHosts()).stream()
                .filter(l -> l.startsWith("@cert-authority ")).toList());
        assertThat(Files.readString(caOnly)).contains("[" + lab.node("valkyrie01").sshHost() + "]:2222").contains(caKey.toString());
        Process p = new ProcessBuilder("ssh", "-F", "/dev/null", "-i", lab.sshKey().toString(), "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + caOnly, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-p", "2222", "root@" + lab.node("valkyrie01").sshHost(), "hostname")
                .redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes()).strip()).as("OpenSSH on the CA line").isEqualTo("valkyrie01");
        try (herd.ssh.ConnectionPool strict = new herd.ssh.ConnectionPool(herd.ssh.LabSsh.settings(lab)
                .withKnownHosts(caOnly, false), prompt -> java.util.Optional.empty());
             herd.ssh.RemoteCommand c = strict.exec(herd.ssh.LabSsh.target(lab, "valkyrie01"), "hostname",
                     Duration.ofSeconds(10))) {
            assertThat(new String(c.stdout().readAllBytes()).strip()).as("herd's ssh on the CA line").isEqualTo("valkyrie01");
        }
    }

    @Test
    void hostKeysFromAnotherAddressBeforeTheWindowOrASecondTimeAreRefusedAndNothingIsWritten() throws Exception {
        String conf = Files.readString(lab.dhcpdConf());
        String mac = lab.node("valkyrie04").mac().toUpperCase();
        Files.writeString(lab.dhcpdConf(), conf.replace("hardware ethernet " + mac + ";",
                "hardware ethernet 08:00:27:FF:FF:FF;"));
        lab.restartDhcpd();
        long gaveUp04 = gaveUp("valkyrie04");
        String forged = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIqpyyh44Hz3gvhISaIE9yJ/ao8fBLNo7qwPJcYjQdIl";
        String url = "http://10.10.0.1/herd/install-finished?key="
                + java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        try {
            PxeLab.installTime(lab, Duration.ofSeconds(1));
            DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(
                    request("valkyrie[03-04]", Duration.ofSeconds(40), Duration.ofSeconds(40)), boot, events::add);
            awaitEvent(DeployEvent.StageReached.class, Duration.ofSeconds(30),
                    r -> r.node().equals("valkyrie03") && r.stage() == Stage.SSH_UP);
            String pinned = Files.readString(lab.knownHosts());
            assertThat(events).filteredOn(DeployEvent.HostKeysLearned.class::isInstance).extracting(DeployEvent::node)
                    .containsExactly("valkyrie03");

            // valkyrie03 again, from its own address (its new system): its install already reported.
            run(concat(lab.inNode("valkyrie03"), "curl", "-s", "-o", "/dev/null", url));
            assertThat(awaitEvent(DeployEvent.HostKeysRefused.class, Duration.ofSeconds(10),
                    r -> r.node().equals("valkyrie03")).why()).isEqualTo("a second report for the same install (the first was taken)");
            // valkyrie02's address: not a node of this deployment, whatever the URL names.
            run(concat(lab.inNode("valkyrie02"), "curl", "-s", "-o", "/dev/null", url + "&node=valkyrie04"));
            DeployEvent.HostKeysRefused other = awaitEvent(DeployEvent.HostKeysRefused.class, Duration.ofSeconds(10),
                    r -> r.address().equals(lab.node("valkyrie02").ip()));
            assertThat(other.why()).isEqualTo("it came from " + lab.node("valkyrie02").ip()
                    + ", which is not the address of a node in this deployment");
            // valkyrie04's own address, before it fetched any installer config (it never got DHCP).
            String ip04 = lab.node("valkyrie04").ip();
            List<String> bridge = List.of("nsenter", "--net=/proc/" + Files.readString(lab.dir().resolve("pxe/nginx/nginx.pid")).strip()
                    + "/ns/net", "--");
            run(concat(bridge, "ip", "addr", "add", ip04 + "/32", "dev", "br0"));
            try {
                run(concat(bridge, "curl", "-s", "-o", "/dev/null", "--interface", ip04, url));
            } finally {
                run(concat(bridge, "ip", "addr", "del", ip04 + "/32", "dev", "br0"));
            }
            DeployEvent.HostKeysRefused early = awaitEvent(DeployEvent.HostKeysRefused.class, Duration.ofSeconds(10),
                    r -> r.node().equals("valkyrie04"));
            assertThat(early.why()).isEqualTo("it came before valkyrie04 fetched its installer config in this deployment");
            assertThat(early.message()).endsWith("'hostkeys forget valkyrie04'");
            assertThat(job.progress()).extracting(NodeProgress::node, NodeProgress::stage).contains(
                    org.assertj.core.groups.Tuple.tuple("valkyrie04", Stage.WAITING));

            assertThat(Files.readString(lab.knownHosts())).isEqualTo(pinned).doesNotContain(forged.split(" ")[1]);
            job.stop();
            job.await(Duration.ofSeconds(10));
        } finally {
            awaitFirmwareGaveUp("valkyrie04", gaveUp04);
            Files.writeString(lab.dhcpdConf(), conf);
            lab.restartDhcpd();
        }
    }

    /**
     * A node left without DHCP entry keeps trying in its firmware for a while: restoring its entry
     * before it gave up (PXE-E51, one more than {@code before}) would let it install behind the next
     * test's back.
     */
    private void awaitFirmwareGaveUp(String node, long before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (gaveUp(node) <= before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private long gaveUp(String node) throws java.io.IOException {
        return PxeLab.console(lab, node).stream().filter(l -> l.endsWith("PXE-E51: no DHCP offers were received")).count();
    }

    private static List<String> concat(List<String> prefix, String... command) {
        List<String> all = new java.util.ArrayList<>(prefix);
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(command + ": " + out).isZero();
    }

    @Test
    void aForcedReinstallLoopIsFlagged() throws Exception {
        PxeLab.installTime(lab, Duration.ofSeconds(3));
        DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(
                request("valkyrie02", Duration.ofSeconds(30), Duration.ofSeconds(60)), boot, events::add);
        awaitEvent(DeployEvent.StageReached.class, Duration.ofSeconds(30), r -> r.stage() == Stage.INSTALL_FINISHED);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (lab.bootDevice("valkyrie02").equals("pxe") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // What the tutorial warns about: while the node reboots, something puts it back on
        // PXE with its install file (a BMC that keeps the old boot order, a stale link).
        new PxeRenderEngine().render(new PxeRenderRequest(PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                PxeInventory.pxeNodes(inv, NodeSet.parse("valkyrie02"), profiles, "compute"), profiles,
                java.util.Set.of("valkyrie02"), false));
        bmc.boot(new herd.bmc.BootRequest(List.of("valkyrie02"), java.util.Optional.of(
                new herd.bmc.BootSetting(herd.bmc.BootDevice.PXE, false, false))), credentials,
                herd.session.Cancellation.create(), (d, t) -> { });
        DeployEvent.ReinstallDetected again = awaitEvent(DeployEvent.ReinstallDetected.class, Duration.ofSeconds(30));
        assertThat(again.node()).isEqualTo("valkyrie02");
        assertThat(again.evidence()).contains("GET /repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz");
        assertThat(PxeLab.console(lab, "valkyrie02")).anyMatch(l -> l.endsWith("reboot: boot device pxe"));
        job.await(Duration.ofSeconds(60));
        assertThat(job.progress().get(0).reinstalls()).isEqualTo(1);
        assertThat(job.succeeded()).as("the second install ends with the node up too: " + events).isTrue();
    }

    private String consoles() throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (var n : lab.nodes()) {
            b.append('\n').append(String.join("\n", PxeLab.console(lab, n.name())));
        }
        return b.toString();
    }

    private <T extends DeployEvent> T awaitEvent(Class<T> type, Duration timeout) throws InterruptedException {
        return awaitEvent(type, timeout, e -> true);
    }

    private <T extends DeployEvent> T awaitEvent(Class<T> type, Duration timeout, java.util.function.Predicate<T> p)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (DeployEvent e : events) {
                if (type.isInstance(e) && p.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + ": " + events);
    }
}
