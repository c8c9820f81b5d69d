package herd.bmc;

import herd.session.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One Redfish session (DSP0266) with one node's BMC, made by {@link RedfishBackend#login}: a
 * session token ({@code X-Auth-Token}) from the SessionService, the node's ComputerSystem found
 * from the service root. A request refused with 401 (the session expired or was ended by an
 * administrator) logs in again once and is sent again.
 *
 * <ul>
 * <li>power: {@code ComputerSystem.Reset} with the ResetType the system advertises; one it
 *     does not offer is refused before anything is sent; a 202 answer's task monitor is
 *     followed until the task ends;</li>
 * <li>boot device: {@code PATCH} of {@code Boot} (target, Once/Continuous, UEFI/Legacy) with
 *     {@code If-Match} when the service gives ETags;</li>
 * <li>close deletes the session.</li>
 * </ul>
 */
final class RedfishBmc implements Bmc {

    private static final Duration TASK_POLL = Duration.ofMillis(200);
    private static final Map<BootDevice, String> TARGETS = Map.of(BootDevice.NONE, "None", BootDevice.PXE, "Pxe",
            BootDevice.DISK, "Hdd", BootDevice.CDROM, "Cd", BootDevice.BIOS, "BiosSetup", BootDevice.DIAG, "Diags",
            BootDevice.FLOPPY, "Floppy");

    private final RedfishHttp http;
    private final String user;
    private final String password;
    private final Duration taskTimeout;
    private String token;
    private String sessionUri;
    private String systemUri;
    private JsonNode root;

    private RedfishBmc(RedfishHttp http, String user, String password, Duration taskTimeout) {
        this.http = http;
        this.user = user;
        this.password = password;
        this.taskTimeout = taskTimeout;
    }

    /** Reads the service root, logs in and finds the node's ComputerSystem. */
    static RedfishBmc open(RedfishHttp http, String user, String password, Duration taskTimeout) {
        RedfishBmc bmc = new RedfishBmc(http, user, password, taskTimeout);
        try {
            RedfishHttp.Answer root = http.send("GET", "/redfish/v1/", null, Map.of(), "the service root");
            if (!root.ok()) {
                throw new BmcException(http.where(), "the service root: " + root.problem(), Reason.FAILED, null);
            }
            bmc.root = root.json();
            bmc.login();
            bmc.systemUri = bmc.firstMember(bmc.root.path("Systems"), "Systems");
            return bmc;
        } catch (BmcException e) {
            bmc.close();
            throw e.reason() == Reason.TIMED_OUT
                    ? new BmcException(http.where(), e.detail(), Reason.UNREACHABLE, e) : e;
        }
    }

    private void login() {
        String sessions = link(root.path("Links").path("Sessions"), "/redfish/v1/SessionService/Sessions");
        RedfishHttp.Answer a = http.send("POST", sessions, Map.of("UserName", user, "Password", password), Map.of(),
                "login");
        if (a.status() == 401 || a.status() == 403) {
            throw new BmcException(http.where(), "credentials refused for user " + user + " (" + a.problem() + ")",
                    Reason.AUTH_REFUSED, null);
        }
        if (!a.ok() || a.header("X-Auth-Token").isEmpty()) {
            throw new BmcException(http.where(), "login failed: " + (a.ok() ? "no X-Auth-Token in the answer" : a.problem()),
                    Reason.FAILED, null);
        }
        token = a.header("X-Auth-Token").get();
        sessionUri = a.header("Location").orElse(RedfishHttp.text(a.json().path("@odata.id"), null));
    }

    /** Sends with the session's token; a 401 means the session is gone: log in again, once. */
    private RedfishHttp.Answer send(String method, String path, Object body, Map<String, String> headers, String what) {
        RedfishHttp.Answer a = http.send(method, path, body, withToken(headers), what);
        if (a.status() == 401) {
            login();
            a = http.send(method, path, body, withToken(headers), what);
            if (a.status() == 401) {
                throw new BmcException(http.where(), "credentials refused for user " + user + " (" + a.problem() + ")",
                        Reason.AUTH_REFUSED, null);
            }
        }
        return a;
    }

    private Map<String, String> withToken(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-Auth-Token", token);
        return all;
    }

    private JsonNode get(String path, String what) {
        RedfishHttp.Answer a = send("GET", path, null, Map.of(), what);
        if (!a.ok()) {
            throw new BmcException(http.where(), what + ": " + a.problem(), Reason.FAILED, null);
        }
        return a.json();
    }

    private String firstMember(JsonNode collectionLink, String name) {
        String path = link(collectionLink, null);
        if (path == null) {
            throw new BmcException(http.where(), "the service root has no " + name, Reason.FAILED, null);
        }
        JsonNode members = get(path, name).path("Members");
        String first = link(members.path(0), null);
        if (first == null) {
            throw new BmcException(http.where(), path + " lists no member", Reason.FAILED, null);
        }
        return first;
    }

    private static String link(JsonNode node, String fallback) {
        return RedfishHttp.text(node.path("@odata.id"), fallback);
    }

    @Override
    public PowerState powerState() {
        return state(get(systemUri, "power status"));
    }

    private static PowerState state(JsonNode system) {
        String state = RedfishHttp.text(system.path("PowerState"), "");
        // A system powering off is still on; one powering on is not on yet.
        return state.equals("On") || state.equals("PoweringOff") ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void power(PowerAction action) {
        String what = "power " + action.word();
        JsonNode system = get(systemUri, what);
        JsonNode reset = system.path("Actions").path("#ComputerSystem.Reset");
        String target = RedfishHttp.text(reset.path("target"), null);
        if (target == null) {
            throw new BmcException(http.where(), what + ": the system has no ComputerSystem.Reset action", Reason.FAILED,
                    null);
        }
        List<String> offered = strings(reset.path("ResetType@Redfish.AllowableValues"));
        String type = resetType(action, offered, what);
        RedfishHttp.Answer a = send("POST", target, Map.of("ResetType", type), Map.of(), what);
        if (a.status() == 202) {
            follow(a, what);
        } else if (!a.ok()) {
            throw new BmcException(http.where(), what + ": " + a.problem(), Reason.FAILED, null);
        }
    }

    /** The ResetType for an action among those the system offers (an empty list: it does not say). */
    private String resetType(PowerAction action, List<String> offered, String what) {
        List<String> wanted = switch (action) {
            case ON -> List.of("On", "ForceOn");
            case OFF -> List.of("ForceOff");
            case SOFT -> List.of("GracefulShutdown");
            case RESET -> List.of("ForceRestart");
            case CYCLE -> List.of("PowerCycle");
            case STATUS -> throw new IllegalArgumentException("STATUS is read with powerState()");
        };
        if (offered.isEmpty()) {
            return wanted.get(0);
        }
        return wanted.stream().filter(offered::contains).findFirst().orElseThrow(() -> new BmcException(http.where(),
                what + ": the system does not offer ResetType " + wanted.get(0) + " (it offers "
                        + String.join(", ", offered) + ")", Reason.FAILED, null));
    }

    /** Follows a task monitor (202 Accepted, Location) until the task ends or taskTimeout passes. */
    private void follow(RedfishHttp.Answer accepted, String what) {
        String monitor = accepted.header("Location").orElse(null);
        if (monitor == null) {
            return;
        }
        long deadline = System.nanoTime() + taskTimeout.toNanos();
        RedfishHttp.Answer a = accepted;
        while (a.status() == 202) {
            if (System.nanoTime() > deadline) {
                throw new BmcException(http.where(), what + ": task still running after "
                        + RedfishHttp.seconds(taskTimeout) + " (" + monitor + ")", Reason.TIMED_OUT, null);
            }
            try {
                Thread.sleep(TASK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BmcException(http.where(), what + " interrupted", Reason.CANCELLED, e);
            }
            a = send("GET", monitor, null, Map.of(), what);
        }
        String state = RedfishHttp.text(a.json().path("TaskState"), "Completed");
        if (!a.ok() || state.equals("Exception") || state.equals("Killed") || state.equals("Cancelled")) {
            String problem = a.ok() ? RedfishHttp.text(a.json().path("Messages").path(0).path("Message"), "task " + state)
                    : a.problem();
            throw new BmcException(http.where(), what + ": " + problem, Reason.FAILED, null);
        }
    }

    @Override
    public void setBoot(BootSetting setting) {
        String what = "bootdev " + setting.device().word();
        for (int attempt = 1; ; attempt++) {
            RedfishHttp.Answer a = patchBoot(setting, what);
            // 412: the system changed between our read and our write; read it again, once.
            if (a.status() == 412 && attempt == 1) {
                continue;
            }
            if (!a.ok()) {
                throw new BmcException(http.where(), what + ": " + a.problem(), Reason.FAILED, null);
            }
            return;
        }
    }

    private RedfishHttp.Answer patchBoot(BootSetting setting, String what) {
        RedfishHttp.Answer current = send("GET", systemUri, null, Map.of(), what);
        if (!current.ok()) {
            throw new BmcException(http.where(), what + ": " + current.problem(), Reason.FAILED, null);
        }
        JsonNode boot = current.json().path("Boot");
        String target = TARGETS.get(setting.device());
        List<String> targets = strings(boot.path("BootSourceOverrideTarget@Redfish.AllowableValues"));
        if (target == null || !targets.isEmpty() && !targets.contains(target)) {
            throw new BmcException(http.where(), what + ": the system does not offer boot target " + target
                    + (targets.isEmpty() ? "" : " (it offers " + String.join(", ", targets) + ")"), Reason.FAILED, null);
        }
        Map<String, Object> change = new LinkedHashMap<>();
        if (setting.device() == BootDevice.NONE) {
            change.put("BootSourceOverrideEnabled", "Disabled");
        } else {
            change.put("BootSourceOverrideTarget", target);
            change.put("BootSourceOverrideEnabled", setting.persistent() ? "Continuous" : "Once");
            if (boot.has("BootSourceOverrideMode")) {
                change.put("BootSourceOverrideMode", setting.efi() ? "UEFI" : "Legacy");
            } else if (setting.efi()) {
                throw new BmcException(http.where(), what + ": the system has no BootSourceOverrideMode (no --efi)",
                        Reason.FAILED, null);
            }
        }
        Map<String, String> headers = current.header("ETag").map(e -> Map.of("If-Match", e)).orElse(Map.of());
        return send("PATCH", systemUri, Map.of("Boot", change), headers, what);
    }

    @Override
    public BootSetting boot() {
        JsonNode boot = get(systemUri, "bootdev status").path("Boot");
        String enabled = RedfishHttp.text(boot.path("BootSourceOverrideEnabled"), "Disabled");
        String target = RedfishHttp.text(boot.path("BootSourceOverrideTarget"), "None");
        BootDevice device = enabled.equals("Disabled") ? BootDevice.NONE : TARGETS.entrySet().stream()
                .filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey).findFirst().orElse(BootDevice.NONE);
        return new BootSetting(device, enabled.equals("Continuous") && device != BootDevice.NONE,
                "UEFI".equals(RedfishHttp.text(boot.path("BootSourceOverrideMode"), "")) && device != BootDevice.NONE);
    }

    @Override
    public BmcFacts facts() {
        JsonNode system = get(systemUri, "bmc info");
        String managerUri = link(system.path("Links").path("ManagedBy").path(0), null);
        if (managerUri == null && root.has("Managers")) {
            managerUri = firstMember(root.path("Managers"), "Managers");
        }
        String firmware = managerUri == null ? null
                : RedfishHttp.text(get(managerUri, "bmc info").path("FirmwareVersion"), null);
        return new BmcFacts(RedfishHttp.text(system.path("Manufacturer"), null),
                RedfishHttp.text(system.path("Model"), null), RedfishHttp.text(system.path("SerialNumber"), null),
                RedfishHttp.text(system.path("BiosVersion"), null), firmware,
                RedfishHttp.text(system.path("Status").path("Health"), null), state(system));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString());
        }
        return out;
    }

    /** Deletes the session on the service (best effort: the BMC may be gone). */
    @Override
    public void close() {
        if (token == null || sessionUri == null) {
            return;
        }
        try {
            http.send("DELETE", sessionUri, null, Map.of("X-Auth-Token", token), "logout");
        } catch (BmcException e) {
            // Gone or silent: the service expires the session itself.
        } finally {
            token = null;
        }
    }
}
