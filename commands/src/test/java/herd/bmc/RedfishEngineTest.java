package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.session.NodeOutcome;
import herd.session.Reason;
import herd.session.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * power, bootdev and bmc info over Redfish against the lab's services, each step checked by
 * redfishtool, sushy and (the same chassis over IPMI) ipmitool, and by the node itself (its sshd).
 */
@LabConfig(nodes = 4, bmc = true, redfish = true)
class RedfishEngineTest {

    private static final List<String> ALL = List.of("valkyrie01", "valkyrie02", "valkyrie03", "valkyrie04");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One request's deadline: generous, the machine is shared (the test of a silent service waits it out). */
    private static final Duration REQUEST = Duration.ofSeconds(10);

    Lab lab;
    private BmcPool pool;
    private BmcEngine engine;
    private BmcEngine.Credentials credentials;

    @BeforeEach
    void setUp() {
        pool = new BmcPool(new MixedBackend(new IpmiBackend(REQUEST), new RedfishBackend(REQUEST)),
                Duration.ofSeconds(20));
        engine = new BmcEngine(pool, 16);
        credentials = new InventoryCredentials(InventoryLoader.load(lab.inventoryFile()), new SecretStore(Map.of()),
                prompt -> {
                    throw new AssertionError("no prompt expected: " + prompt);
                });
    }

    @AfterEach
    void tearDown() {
        pool.close();
        ALL.forEach(n -> {
            lab.hangRedfish(n, false);
            lab.offerResetTypes(n, List.of());
        });
    }

    private PowerResult power(PowerAction action, boolean wait, List<String> nodes) {
        return engine.power(new PowerRequest(nodes, action, wait, WAIT), credentials, Cancellation.create(), (d, t) -> { });
    }

    @Test
    void statusAgreesWithRedfishtoolSushyAndIpmi() {
        int mark = lab.redfishRequests("valkyrie01").size();
        Witnesses.redfishtool(lab, "valkyrie04", "Systems", "-1", "reset", "ForceOff");
        PowerResult status = power(PowerAction.STATUS, false, ALL);
        assertThat(status.outcomes().allOk()).isTrue();
        assertThat(status.byState()).containsEntry("off", List.of("valkyrie04"))
                .containsEntry("on", List.of("valkyrie01", "valkyrie02", "valkyrie03"));
        assertThat(Witnesses.sushy(lab, "valkyrie04", "state").path("power").asString()).isEqualTo("off");
        assertThat(Witnesses.ipmitool(lab, "valkyrie04", "chassis", "power", "status")).isEqualTo("Chassis Power is off");
        assertThat(lab.isNodeRunning("valkyrie04")).isFalse();
        Witnesses.sushy(lab, "valkyrie04", "reset", "On");
        assertThat(power(PowerAction.STATUS, false, ALL).byState().get("on")).hasSize(4);
        assertThat(pool.size()).as("sessions kept warm").isEqualTo(4);
        List<String> requests = since("valkyrie01", mark);
        assertThat(requests).filteredOn(l -> l.startsWith("POST /redfish/v1/SessionService"))
                .as("one login for two commands").hasSize(1);
        assertThat(requests).filteredOn(l -> l.startsWith("GET /redfish/v1/Systems/1 "))
                .allMatch(l -> l.endsWith(" 200 token"));
    }

    @Test
    void offAndOnWithWaitStopAndRestartTheNode() {
        PowerResult off = power(PowerAction.OFF, true, List.of("valkyrie01"));
        assertThat(off.outcomes().outcome("valkyrie01")).isEqualTo(new NodeOutcome("valkyrie01", Reason.OK, 0, "off"));
        assertThat(Witnesses.redfishtoolJson(lab, "valkyrie01", "Systems", "-1", "-P", "PowerState")
                .path("PowerState").asString()).isEqualTo("Off");
        assertThat(Witnesses.ipmitool(lab, "valkyrie01", "chassis", "power", "status")).isEqualTo("Chassis Power is off");
        assertThat(lab.isNodeRunning("valkyrie01")).isFalse();

        PowerResult on = power(PowerAction.ON, true, List.of("valkyrie01"));
        assertThat(on.outcomes().outcome("valkyrie01").detail()).isEqualTo("on");
        assertThat(Witnesses.sushy(lab, "valkyrie01", "state").path("power").asString()).isEqualTo("on");
        eventually(() -> lab.isNodeRunning("valkyrie01"), Duration.ofSeconds(20));
        assertThat(lab.chassisLog("valkyrie01")).map(l -> l.substring(l.indexOf(' ') + 1))
                .containsSubsequence("power off", "power on");
    }

    @Test
    void resetCycleAndSoftReachTheChassisAndTheirTasksAreFollowed() {
        assertThat(power(PowerAction.RESET, false, List.of("valkyrie02")).outcomes().allOk()).isTrue();
        assertThat(lab.chassisLog("valkyrie02")).anyMatch(l -> l.endsWith(" reset"));

        PowerResult cycle = power(PowerAction.CYCLE, false, List.of("valkyrie02"));
        assertThat(cycle.outcomes().allOk()).as(cycle.outcomes().toString()).isTrue();
        // PowerCycle answers 202: herd returned only once the task monitor said the task was done.
        assertThat(lab.chassisLog("valkyrie02")).map(l -> l.substring(l.indexOf(' ') + 1))
                .containsSubsequence("reset", "power off", "power on");
        assertThat(lab.redfishRequests("valkyrie02")).anyMatch(l -> l.matches("GET /redfish/v1/TaskService/Tasks/\\d+/Monitor 204 token"));

        PowerResult soft = power(PowerAction.SOFT, false, List.of("valkyrie02"));
        assertThat(soft.outcomes().allOk()).isTrue();
        assertThat(Witnesses.ipmitool(lab, "valkyrie02", "chassis", "power", "status")).isEqualTo("Chassis Power is off");
        assertThat(lab.isNodeRunning("valkyrie02")).isFalse();
        assertThat(power(PowerAction.ON, true, List.of("valkyrie02")).outcomes().allOk()).isTrue();
    }

    @Test
    void aResetTypeTheSystemDoesNotOfferIsRefusedBeforeAnythingIsSent() {
        lab.offerResetTypes("valkyrie03", List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart"));
        assertThat(Witnesses.sushy(lab, "valkyrie03", "resets").path("resets").toString())
                .isEqualTo("[\"ForceOff\",\"ForceRestart\",\"GracefulShutdown\",\"On\"]");
        int logged = lab.chassisLog("valkyrie03").size();
        PowerResult cycle = power(PowerAction.CYCLE, false, List.of("valkyrie03", "valkyrie04"));
        assertThat(cycle.outcomes().outcome("valkyrie03")).isEqualTo(new NodeOutcome("valkyrie03", Reason.FAILED, 1,
                "power cycle: the system does not offer ResetType PowerCycle (it offers On, ForceOff, "
                        + "GracefulShutdown, ForceRestart)"));
        assertThat(cycle.outcomes().outcome("valkyrie04").reason()).isEqualTo(Reason.OK);
        assertThat(lab.chassisLog("valkyrie03")).hasSize(logged);
        assertThat(lab.redfishRequests("valkyrie03")).noneMatch(l -> l.startsWith("POST /redfish/v1/Systems/1/Actions"));
        // The service refuses it too, in its own words, to a client that does not look first.
        assertThat(Witnesses.redfishtool(lab, "valkyrie03", "raw", "POST",
                "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", "-d", "{\"ResetType\": \"PowerCycle\"}"))
                .contains("400");
    }

    @Test
    void bootdevPatchesTheOverrideWithTheETagAndEveryClientReadsTheSame() {
        BootResultView once = boot(new BootSetting(BootDevice.PXE, false, true), "valkyrie03");
        assertThat(once.detail()).isEqualTo("pxe efi");
        JsonNode sushy = Witnesses.sushy(lab, "valkyrie03", "state");
        assertThat(sushy.path("target").asString()).isEqualTo("pxe");
        assertThat(sushy.path("enabled").asString()).isEqualTo("once");
        assertThat(sushy.path("mode").asString()).isEqualTo("uefi");
        assertThat(lab.bootDevice("valkyrie03")).isEqualTo("pxe");
        assertThat(Witnesses.ipmitool(lab, "valkyrie03", "chassis", "bootparam", "get", "5")).contains("Force PXE");
        List<String> requests = lab.redfishRequests("valkyrie03");
        String patch = requests.stream().filter(l -> l.startsWith("PATCH ")).reduce((a, b) -> b).orElseThrow();
        assertThat(patch).matches("PATCH /redfish/v1/Systems/1 200 token If-Match=W/\"[0-9a-f]+\"");

        Witnesses.sushy(lab, "valkyrie03", "boot", "Hdd", "Continuous", "Legacy");
        assertThat(boot(null, "valkyrie03").detail()).isEqualTo("disk persistent");
        assertThat(Witnesses.redfishtoolJson(lab, "valkyrie03", "Systems", "-1", "-P", "Boot").path("Boot")
                .path("BootSourceOverrideTarget").asString()).isEqualTo("Hdd");

        assertThat(boot(new BootSetting(BootDevice.NONE, false, false), "valkyrie03").detail()).isEqualTo("none");
        assertThat(Witnesses.sushy(lab, "valkyrie03", "state").path("enabled").asString()).isEqualTo("disabled");
    }

    private record BootResultView(Reason reason, String detail) {
    }

    private BootResultView boot(BootSetting setting, String node) {
        var result = engine.boot(new BootRequest(List.of(node), Optional.ofNullable(setting)), credentials,
                Cancellation.create(), (d, t) -> { });
        NodeOutcome o = result.outcomes().outcome(node);
        return new BootResultView(o.reason(), o.detail());
    }

    @Test
    void bmcInfoShowsWhatSushySees() {
        InfoResult info = engine.info(List.of("valkyrie01", "valkyrie02"), credentials, Cancellation.create(), (d, t) -> { });
        assertThat(info.outcomes().allOk()).isTrue();
        JsonNode sushy = Witnesses.sushy(lab, "valkyrie02", "facts");
        BmcFacts facts = info.facts().get("valkyrie02");
        assertThat(facts.manufacturer()).isEqualTo(sushy.path("manufacturer").asString());
        assertThat(facts.model()).isEqualTo(sushy.path("model").asString());
        assertThat(facts.serial()).isEqualTo(sushy.path("serial").asString());
        assertThat(facts.bios()).isEqualTo(sushy.path("bios").asString());
        assertThat(facts.firmware()).isEqualTo(sushy.path("firmware").asString());
        assertThat(facts.health()).isEqualTo(sushy.path("health").asString());
        assertThat(info.table().rows()).as("serials differ: one row per node").hasSize(2);
    }

    @Test
    void aWrongPasswordIsRefusedAndNeverShown() {
        BmcEngine.Credentials wrong = new BmcEngine.Credentials() {
            @Override
            public BmcEndpoint endpoint(String node) {
                return credentials.endpoint(node);
            }

            @Override
            public String password(BmcEndpoint endpoint) {
                return "not-the-password-42";
            }
        };
        PowerResult r = engine.power(new PowerRequest(List.of("valkyrie01"), PowerAction.STATUS, false, WAIT), wrong,
                Cancellation.create(), (d, t) -> { });
        NodeOutcome o = r.outcomes().outcome("valkyrie01");
        assertThat(o.reason()).isEqualTo(Reason.AUTH_REFUSED);
        assertThat(o.detail()).startsWith("credentials refused for user admin (Base.1.8.AccessDenied: ")
                .doesNotContain("not-the-password-42").doesNotContain(lab.bmcPassword());
    }

    @Test
    void aServiceThatStopsAnsweringFailsThatNodeOnlyAndTheNextCommandRecovers() {
        assertThat(power(PowerAction.STATUS, false, ALL).outcomes().allOk()).isTrue();
        lab.hangRedfish("valkyrie02", true);
        long t0 = System.nanoTime();
        PowerResult hung = power(PowerAction.STATUS, false, ALL);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        NodeOutcome o = hung.outcomes().outcome("valkyrie02");
        assertThat(o.reason()).as(o.toString()).isEqualTo(Reason.UNREACHABLE);
        assertThat(o.detail()).isEqualTo("no answer to the service root after 10 s");
        assertThat(hung.byState().get("on")).containsExactly("valkyrie01", "valkyrie03", "valkyrie04");
        // the stale session's request, its logout, the fresh login's first request: three deadlines, no more
        assertThat(took).isLessThan(REQUEST.multipliedBy(3).plusSeconds(8));
        lab.hangRedfish("valkyrie02", false);
        eventually(() -> power(PowerAction.STATUS, false, List.of("valkyrie02")).outcomes().allOk(), Duration.ofSeconds(30));
    }

    @Test
    void anEndedSessionLogsInAgainOnceAndCloseDeletesTheSession() {
        int mark = lab.redfishRequests("valkyrie04").size();
        assertThat(power(PowerAction.STATUS, false, List.of("valkyrie04")).outcomes().allOk()).isTrue();
        List<String> sessions = sessions("valkyrie04");
        assertThat(sessions).isNotEmpty();
        for (String uri : sessions) {
            Witnesses.redfishtool(lab, "valkyrie04", "raw", "DELETE", uri);
        }
        assertThat(sessions("valkyrie04")).isEmpty();
        assertThat(power(PowerAction.STATUS, false, List.of("valkyrie04")).outcomes().allOk()).isTrue();
        List<String> logins = since("valkyrie04", mark).stream()
                .filter(l -> l.startsWith("POST /redfish/v1/SessionService/Sessions ")).toList();
        assertThat(logins).as("the first login and one more").hasSize(2);
        assertThat(since("valkyrie04", mark)).anyMatch(l -> l.equals("GET /redfish/v1/Systems/1 401 token"));
        assertThat(sessions("valkyrie04")).hasSize(1);
        pool.close();
        assertThat(sessions("valkyrie04")).as("deleted when the pool closes").isEmpty();
    }

    private List<String> sessions(String node) {
        List<String> uris = new java.util.ArrayList<>();
        for (JsonNode m : Witnesses.redfishtoolJson(lab, node, "raw", "GET", "/redfish/v1/SessionService/Sessions")
                .path("Members")) {
            uris.add(m.path("@odata.id").asString());
        }
        return uris;
    }

    /** The node's Redfish requests after the first {@code mark} ones. */
    private List<String> since(String node, int mark) {
        List<String> all = lab.redfishRequests(node);
        return all.subList(mark, all.size());
    }

    static void eventually(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
