package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.DhcpLease;
import herd.lab.Lab;
import herd.lab.LabNode;
import herd.lab.junit.LabConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/tutorial.csh run end to end through the real {@code ./herd} on a fresh lab (odin and
 * four compute nodes, BMCs, DNS, DHCP), then every step's effect read back on the nodes
 * themselves with other tools than herd: dhclient, dig, ipmitool, the nodes' own files, getent,
 * chronyc, showmount and a userspace NFS client, the SOL capture.
 */
@LabConfig(nodes = 4, extras = {"odin"}, bmc = true, dns = true, dhcp = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TutorialBatchTest {

    private static final Path SCRIPTS = HerdProcess.ROOT.resolve("scripts");
    private static final List<String> COMPUTE = List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04");

    Lab lab;
    private Path home;
    private HerdProcess.Result run;
    private final Map<String, Long> bootsBefore = new java.util.HashMap<>();

    @BeforeAll
    void runTheTutorial(Lab lab, @TempDir Path home) throws Exception {
        this.lab = lab;
        this.home = home;
        for (String n : COMPUTE) {
            bootsBefore.put(n, initPid(n));
        }
        long t0 = System.nanoTime();
        run = HerdProcess.exec(home, null, List.of(HerdProcess.LAUNCHER.toString(), "--inventory",
                        lab.inventoryFile().toString(), SCRIPTS.resolve("tutorial.csh").toString()),
                Duration.ofMinutes(5), Map.of("TUTORIAL_FILES", SCRIPTS.resolve("tutorial").toString()));
        System.out.println("tutorial.csh on a fresh lab (odin + 4 nodes): " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test
    void theBatchRunsToItsEndAndSaysWhatTheLabCannotDo() {
        assertThat(run.err()).as(run.out()).isEmpty();
        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).endsWith("tutorial done: @compute\n")
                .contains("herd lab: odin:/home not mounted on /home: this kernel has no NFS client");
    }

    @Test
    void dhcpAndDnsAnswerForEveryNode() throws Exception {
        for (LabNode n : lab.nodes()) {
            if (n.group().equals("compute")) {
                DhcpLease lease = lab.dhcpRequest(n.name());
                assertThat(lease.bound()).as(n.name()).isTrue();
                assertThat(lease.ip()).isEqualTo(n.ip());
                assertThat(lease.hostName()).isEqualTo(n.name());
            }
            String port = Integer.toString(lab.dnsPort());
            assertThat(host("dig", "+short", "@127.0.0.1", "-p", port, n.name() + ".cluster.local")).isEqualTo(n.ip() + "\n");
            assertThat(host("dig", "+short", "@127.0.0.1", "-p", port, "-x", n.ip())).isEqualTo(n.name() + ".cluster.local.\n");
        }
    }

    @Test
    void theNodesWereReinstalledFromPxeAndBootFromDiskAgain() throws Exception {
        Path www = lab.dir().resolve("www");
        assertThat(www.resolve("boot.ipxe")).exists();
        for (String n : COMPUTE) {
            assertThat(initPid(n)).as(n + " booted again").isNotEqualTo(bootsBefore.get(n));
            // deploy's installer left its first-boot log on the fresh disk
            assertThat(lab.nodeRoot(n).resolve("root/herd-lab-install.log")).exists();
            Path link = www.resolve("nodes/" + n + ".ipxe");
            assertThat(Files.readSymbolicLink(link).toString()).startsWith("../nodes_groups/");
            assertThat(lab.chassisLog(n)).anyMatch(l -> l.endsWith(" boot pxe")).anyMatch(l -> l.endsWith(" network boot"));
            assertThat(ipmitool(n, "chassis", "bootparam", "get", "5")).contains("Force Boot from default Hard-Drive");
        }
    }

    @Test
    void repositoriesAndHostsFileAreTheTutorialsOnEveryNodeAndThePackageCacheIsClean() throws Exception {
        String hosts = Files.readString(lab.clusterHostsFile());
        for (String n : COMPUTE) {
            Path root = lab.nodeRoot(n);
            for (String repo : List.of("os.repo", "extra.repo")) {
                assertThat(root.resolve("etc/yum.repos.d/" + repo)).hasSameTextualContentAs(SCRIPTS.resolve("tutorial/" + repo));
            }
            assertThat(root.resolve("root/yum.repos.d.backup")).isDirectory();
            assertThat(Files.readString(root.resolve("etc/hosts"))).isEqualTo(hosts);
            assertThat(inNode(n, "sh", "-c", "ls /var/cache/apt/archives | grep -c '\\.deb$' || true")).isEqualTo("0\n");
        }
        assertThat(hosts).contains("10.10.0.1   odin", "10.10.3.4   valkyrie04");
    }

    @Test
    void odinServesTimeAndEveryComputeNodeFollowsIt() throws Exception {
        assertThat(lab.nodeRoot("odin").resolve("etc/chrony/chrony.conf"))
                .hasSameTextualContentAs(SCRIPTS.resolve("tutorial/chrony-server.conf"));
        assertThat(inNode("odin", "chronyc", "-n", "tracking")).contains("Stratum         : 12");
        for (String n : COMPUTE) {
            assertThat(lab.nodeRoot(n).resolve("etc/chrony/chrony.conf"))
                    .hasSameTextualContentAs(SCRIPTS.resolve("tutorial/chrony-client.conf"));
            assertThat(inNode(n, "systemctl", "is-enabled", "chronyd")).isEqualTo("enabled\n");
            String sources = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!sources.contains("^* odin") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                sources = inNode(n, "chronyc", "sources");
            }
            assertThat(sources).as(n).contains("^* odin");
        }
    }

    @Test
    void odinExportsHomeAndSoftwareAndTheClientsFstabNamesThem() throws Exception {
        assertThat(lab.nodeRoot("odin").resolve("etc/exports")).hasSameTextualContentAs(SCRIPTS.resolve("tutorial/exports"));
        for (String n : COMPUTE) {
            assertThat(inNode(n, "showmount", "-e", "odin")).contains("/home     10.10.0.0/16", "/software 10.10.0.0/16");
            assertThat(Files.readString(lab.nodeRoot(n).resolve("etc/fstab")))
                    .contains("odin:/home /home nfs rw,rsize=32768,wsize=32768,intr,nfsvers=4,bg 0 0\n")
                    .contains("odin:/software /software nfs ro,intr,nfsvers=4,bg 0 0\n");
        }
        // The export is real: what odin has in /home/myuser is listed over NFS; /software is read-only.
        assertThat(inNode("valkyrie02", "nfs-ls", "nfs://odin/home")).contains("myuser");
        Files.writeString(lab.nodeRoot("valkyrie02").resolve("tmp/probe"), "probe\n");
        assertThat(inNode("valkyrie02", "sh", "-c", "nfs-cp /tmp/probe nfs://odin/software/probe; echo rc=$?"))
                .contains("NFS3ERR_ROFS").contains("rc=1");
        assertThat(inNode("valkyrie02", "grep", "-c", "nfs", "/proc/filesystems")).as("no NFS client here").isEqualTo("0\n");
    }

    @Test
    void myuserHasTheSameUidAndGidOnEveryNodeAndItsHomeOnTheServer() throws Exception {
        for (LabNode n : lab.nodes()) {
            assertThat(inNode(n.name(), "getent", "passwd", "myuser")).as(n.name())
                    .isEqualTo("myuser:x:2001:2001::/home/myuser:/bin/bash\n");
            assertThat(inNode(n.name(), "getent", "group", "myuser")).isEqualTo("myuser:x:2001:\n");
        }
        assertThat(inNode("odin", "stat", "-c", "%u:%g", "/home/myuser")).isEqualTo("2001:2001\n");
        assertThat(host("sh", "-c", "getent passwd myuser || echo none")).as("the host is untouched").isEqualTo("none\n");
    }

    @Test
    void theSolCaptureShowsEachNodesNetworkBootAndLoginPrompt() throws Exception {
        for (String n : COMPUTE) {
            Path log = home.resolve("state/herd/console/" + n + ".log");
            assertThat(log).exists();
            assertThat(Files.readString(log)).contains(n + " login:");
        }
    }

    private long initPid(String node) throws IOException {
        return Long.parseLong(Files.readString(lab.dir().resolve("nodes/" + node + "/init.pid")).strip());
    }

    private String inNode(String node, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(lab.inNode(node));
        cmd.addAll(List.of(command));
        return host(cmd.toArray(String[]::new));
    }

    private String ipmitool(String node, String... args) throws Exception {
        LabNode n = lab.node(node);
        List<String> cmd = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", n.bmcHost(),
                "-p", Integer.toString(n.bmcPort()), "-U", "admin", "-E"));
        cmd.addAll(List.of(args));
        return host(Map.of("IPMI_PASSWORD", lab.bmcPassword()), cmd.toArray(String[]::new));
    }

    private static String host(String... command) throws Exception {
        return host(Map.of(), command);
    }

    private static String host(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
