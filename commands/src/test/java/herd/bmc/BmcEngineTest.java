package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.session.NodeOutcome;
import herd.session.Reason;
import herd.session.SecretStore;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 4, bmc = true)
class BmcEngineTest {

    private static final List<String> ALL = List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04");
    private static final Duration WAIT = Duration.ofSeconds(20);

    Lab lab;
    private IpmiBackend ipmi;
    private BmcPool pool;
    private BmcEngine engine;
    private BmcEngine.Credentials credentials;

    @BeforeEach
    void setUp() {
        ipmi = new IpmiBackend(Duration.ofSeconds(1));
        pool = new BmcPool(ipmi, Duration.ofSeconds(20));
        engine = new BmcEngine(pool, 16);
        credentials = new InventoryCredentials(InventoryLoader.load(lab.inventoryFile()), new SecretStore(Map.of()),
                prompt -> {
                    throw new AssertionError("no prompt expected: " + prompt);
                });
    }

    @AfterEach
    void closeStopsEveryLibraryThread() {
        pool.close();
        eventually(() -> ipmi.liveThreads() == 0, Duration.ofSeconds(5));
        assertThat(ipmi.liveThreads()).as("threads left by the IPMI library").isZero();
    }

    private PowerResult power(PowerAction action, boolean wait, List<String> nodes) {
        return engine.power(new PowerRequest(nodes, action, wait, WAIT), credentials, Cancellation.create(), (d, t) -> { });
    }

    @Test
    void statusReportsEveryNodeAndGroupsThemByState() {
        Ipmitool.run(lab, "valkyrie04", "chassis", "power", "off");
        PowerResult status = power(PowerAction.STATUS, false, ALL);
        assertThat(status.outcomes().allOk()).isTrue();
        assertThat(status.byState()).containsEntry("off", List.of("valkyrie04"))
                .containsEntry("on", List.of("valkyrie01", "valkyrie02", "valkyrie03"));
        assertThat(status.outcomes().outcome("valkyrie04").detail()).isEqualTo("off");
        Ipmitool.run(lab, "valkyrie04", "chassis", "power", "on");
        assertThat(power(PowerAction.STATUS, false, ALL).byState().get("on")).hasSize(4);
        assertThat(pool.size()).as("sessions kept warm").isEqualTo(4);
    }

    @Test
    void offAndOnWithWaitStopAndRestartTheNode() {
        PowerResult off = power(PowerAction.OFF, true, List.of("valkyrie01"));
        assertThat(off.outcomes().outcome("valkyrie01")).isEqualTo(new NodeOutcome("valkyrie01", Reason.OK, 0, "off"));
        assertThat(Ipmitool.power(lab, "valkyrie01")).isEqualTo("Chassis Power is off");
        assertThat(lab.isNodeRunning("valkyrie01")).isFalse();

        PowerResult on = power(PowerAction.ON, true, List.of("valkyrie01"));
        assertThat(on.outcomes().outcome("valkyrie01").detail()).isEqualTo("on");
        assertThat(on.byState().get("on")).containsExactly("valkyrie01");
        assertThat(Ipmitool.power(lab, "valkyrie01")).isEqualTo("Chassis Power is on");
        eventually(() -> lab.isNodeRunning("valkyrie01"), Duration.ofSeconds(10));
        assertThat(lab.isNodeRunning("valkyrie01")).isTrue();
    }

    @Test
    void resetCycleAndSoftReachTheBmc() {
        assertThat(power(PowerAction.RESET, false, List.of("valkyrie02")).outcomes().allOk()).isTrue();
        assertThat(lab.chassisLog("valkyrie02")).anyMatch(l -> l.endsWith(" reset"));

        assertThat(power(PowerAction.CYCLE, true, List.of("valkyrie02")).outcomes().outcome("valkyrie02").detail())
                .isEqualTo("on");
        assertThat(lab.chassisLog("valkyrie02")).map(l -> l.substring(l.indexOf(' ') + 1))
                .containsSubsequence("reset", "power off", "power on");
        assertThat(Ipmitool.power(lab, "valkyrie02")).isEqualTo("Chassis Power is on");

        assertThat(power(PowerAction.SOFT, true, List.of("valkyrie02")).outcomes().outcome("valkyrie02").detail())
                .isEqualTo("off");
        assertThat(Ipmitool.power(lab, "valkyrie02")).isEqualTo("Chassis Power is off");
        assertThat(lab.isNodeRunning("valkyrie02")).isFalse();
        assertThat(power(PowerAction.ON, true, List.of("valkyrie02")).outcomes().allOk()).isTrue();
    }

    @Test
    void bootdevSetsEachDeviceAndStatusReadsItBack() {
        Map<BootDevice, String> labName = Map.of(BootDevice.PXE, "pxe", BootDevice.BIOS, "bios",
                BootDevice.CDROM, "cdrom", BootDevice.DISK, "default");
        Map<BootDevice, String> ipmitoolName = Map.of(BootDevice.PXE, "Force PXE", BootDevice.BIOS,
                "Force Boot into BIOS Setup", BootDevice.CDROM, "Force Boot from CD/DVD", BootDevice.DISK,
                "Force Boot from default Hard-Drive");
        for (BootDevice device : List.of(BootDevice.PXE, BootDevice.BIOS, BootDevice.CDROM, BootDevice.DISK)) {
            BootSetting setting = new BootSetting(device, device == BootDevice.DISK, device == BootDevice.PXE);
            BootResult set = engine.boot(new BootRequest(List.of("valkyrie03"), Optional.of(setting)), credentials,
                    Cancellation.create(), (d, t) -> { });
            assertThat(set.outcomes().outcome("valkyrie03").detail()).isEqualTo(setting.toString());
            assertThat(lab.bootDevice("valkyrie03")).isEqualTo(labName.get(device));
            assertThat(Ipmitool.run(lab, "valkyrie03", "chassis", "bootparam", "get", "5"))
                    .contains("Boot Device Selector : " + ipmitoolName.get(device));
            BootResult status = engine.boot(new BootRequest(List.of("valkyrie03"), Optional.empty()), credentials,
                    Cancellation.create(), (d, t) -> { });
            assertThat(status.settings().get("valkyrie03").device()).isEqualTo(device);
        }
    }

    @Test
    void wrongPasswordAndSilentBmcFailAloneWithClearReasons() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0)) {
            BmcEngine.Credentials broken = new BmcEngine.Credentials() {
                @Override
                public BmcEndpoint endpoint(String node) {
                    BmcEndpoint e = credentials.endpoint(node);
                    return node.equals("valkyrie02")
                            ? new BmcEndpoint(node, "127.0.0.1", silent.getLocalPort(), e.user(), 3, e.passwordRef())
                            : e;
                }

                @Override
                public String password(BmcEndpoint endpoint) {
                    return endpoint.node().equals("valkyrie01") ? "not-the-password" : credentials.password(endpoint);
                }
            };
            long start = System.nanoTime();
            PowerResult r = engine.power(new PowerRequest(ALL, PowerAction.STATUS, false, WAIT), broken,
                    Cancellation.create(), (d, t) -> { });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(r.outcomes().outcome("valkyrie01")).isEqualTo(NodeOutcome.without("valkyrie01",
                    Reason.AUTH_REFUSED, "login refused for user admin (wrong password)"));
            assertThat(r.outcomes().outcome("valkyrie02")).isEqualTo(NodeOutcome.without("valkyrie02",
                    Reason.UNREACHABLE, "no answer after 1 s"));
            assertThat(r.outcomes().groups().get("ok")).containsExactly("valkyrie03", "valkyrie04");
            assertThat(r.outcomes().groups().get("unreachable")).containsExactly("valkyrie01", "valkyrie02");
        }
    }

    @Test
    void hungThenKilledBmcFailsThatNodeOnlyAndTheNextCommandRecovers() throws Exception {
        assertThat(power(PowerAction.STATUS, false, ALL).outcomes().allOk()).isTrue();
        long pid = lab.bmcPid("valkyrie04");
        signal("STOP", pid);
        long start = System.nanoTime();
        PowerResult hung = power(PowerAction.STATUS, false, ALL);
        // stale session: timeout + retransmissions, then one fresh login that gets no answer either
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        NodeOutcome dead = hung.outcomes().outcome("valkyrie04");
        assertThat(dead.reason()).isIn(Reason.TIMED_OUT, Reason.UNREACHABLE);
        assertThat(dead.detail()).startsWith("no answer").endsWith("after 1 s");
        assertThat(hung.outcomes().groups().get("ok")).containsExactly("valkyrie01", "valkyrie02", "valkyrie03");

        // Killed while a command waits on it: that node ends (failed, or ok on the BMC the lab restarts), nothing hangs.
        CompletableFuture<PowerResult> running = CompletableFuture.supplyAsync(() -> power(PowerAction.STATUS, false, ALL));
        Thread.sleep(300);
        signal("KILL", pid);
        PowerResult killed = running.get(6, TimeUnit.SECONDS);
        assertThat(killed.outcomes().groups().get("ok")).contains("valkyrie01", "valkyrie02", "valkyrie03");

        eventually(() -> lab.bmcPid("valkyrie04") != pid, Duration.ofSeconds(10));
        eventually(() -> power(PowerAction.STATUS, false, List.of("valkyrie04")).outcomes().allOk(),
                Duration.ofSeconds(15));
        assertThat(power(PowerAction.STATUS, false, List.of("valkyrie04")).outcomes().allOk()).isTrue();
    }

    @Test
    void ctrlCOnAHungBmcReturnsAtOnceKeepsFinishedNodesAndLeavesTheWorkersUsable() throws Exception {
        assertThat(power(PowerAction.STATUS, false, ALL).outcomes().allOk()).isTrue();
        long pid = lab.bmcPid("valkyrie04");
        signal("STOP", pid);
        try {
            Cancellation cancel = Cancellation.create();
            CompletableFuture<PowerResult> running = CompletableFuture.supplyAsync(() -> engine.power(
                    new PowerRequest(ALL, PowerAction.STATUS, false, WAIT), credentials, cancel, (d, t) -> { }));
            Thread.sleep(400);
            long start = System.nanoTime();
            cancel.cancel();
            PowerResult r = running.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(r.outcomes().outcome("valkyrie04").reason()).isEqualTo(Reason.CANCELLED);
            assertThat(r.outcomes().groups().get("ok")).containsExactly("valkyrie01", "valkyrie02", "valkyrie03");
            assertThat(power(PowerAction.STATUS, false, ALL.subList(0, 3)).outcomes().allOk()).isTrue();
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    static void eventually(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
