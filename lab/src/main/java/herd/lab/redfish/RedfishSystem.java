package herd.lab.redfish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One lab node as the Redfish mockup model shows it (ComputerSystem {@code Systems/1}, Chassis
 * {@code Chassis/1}, Manager {@code Managers/BMC}), with its power and boot device kept by the
 * node's chassis program. What the service offers can be narrowed by files of the node's
 * {@code redfish/} directory, so that tests meet a system unlike the default one:
 * {@code reset-types} (the ResetType values offered, one per line).
 */
final class RedfishSystem {

    static final String ROOT = "/redfish/v1";
    static final String SYSTEM = ROOT + "/Systems/1";
    static final String CHASSIS = ROOT + "/Chassis/1";
    static final String MANAGER = ROOT + "/Managers/BMC";
    static final String RESET = SYSTEM + "/Actions/ComputerSystem.Reset";
    static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart", "PowerCycle");
    static final List<String> TARGETS = List.of("None", "Pxe", "Hdd", "Cd", "BiosSetup");
    static final List<String> ENABLED = List.of("Disabled", "Once", "Continuous");
    static final List<String> MODES = List.of("UEFI", "Legacy");

    /** Redfish BootSourceOverrideTarget to the chassis program's boot word and back. */
    private static final Map<String, String> CHASSIS_BOOT = Map.of("None", "none", "Pxe", "pxe", "Hdd", "default",
            "Cd", "cdrom", "BiosSetup", "bios");

    private final ChassisProgram chassis;
    private final Path state;

    RedfishSystem(ChassisProgram chassis, Path state) {
        this.chassis = chassis;
        this.state = state;
    }

    String node() {
        return chassis.node();
    }

    String powerState() {
        return power(chassis.get("power"));
    }

    private static String power(Map<String, String> chassisState) {
        return chassisState.get("power").equals("1") ? "On" : "Off";
    }

    /** The ResetType values this system offers. */
    List<String> resetTypes() {
        Path file = state.resolve("reset-types");
        if (!Files.exists(file)) {
            return RESET_TYPES;
        }
        List<String> types = new ArrayList<>();
        for (String line : read(file).split("\\s+")) {
            if (!line.isBlank()) {
                types.add(line.strip());
            }
        }
        return types;
    }

    /** Enabled and mode of the boot override (the chassis program keeps only the device). */
    private String[] override() {
        Path file = state.resolve("boot-override");
        String[] kept = Files.exists(file) ? read(file).strip().split(" ") : new String[0];
        return kept.length == 2 ? kept : new String[] {"Disabled", "Legacy"};
    }

    /** The ComputerSystem with its {@code @odata.etag}, from one run of the chassis program. */
    Map<String, Object> computerSystem() {
        Map<String, String> now = chassis.get("power", "boot");
        String target = target(now.get("boot"));
        String power = power(now);
        String[] override = override();
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("BootSourceOverrideEnabled", target.equals("None") ? "Disabled" : override[0]);
        boot.put("BootSourceOverrideTarget", target);
        boot.put("BootSourceOverrideTarget@Redfish.AllowableValues", TARGETS);
        boot.put("BootSourceOverrideMode", override[1]);
        boot.put("BootSourceOverrideMode@Redfish.AllowableValues", MODES);
        Map<String, Object> reset = new LinkedHashMap<>();
        reset.put("target", RESET);
        reset.put("ResetType@Redfish.AllowableValues", resetTypes());
        Map<String, Object> s = resource(SYSTEM, "#ComputerSystem.v1_13_0.ComputerSystem", "1", node());
        s.put("@odata.etag", "W/\"" + Integer.toHexString((power + target + override[0] + override[1]).hashCode()) + "\"");
        s.put("SystemType", "Physical");
        s.put("HostName", node());
        s.put("Manufacturer", "herd");
        s.put("Model", "herd lab node");
        s.put("SerialNumber", serial());
        s.put("UUID", UUID.nameUUIDFromBytes(("system " + node()).getBytes(StandardCharsets.UTF_8)).toString());
        s.put("BiosVersion", "herd-lab-bios 1.0");
        s.put("PowerState", power);
        s.put("Status", status());
        s.put("Boot", boot);
        s.put("Actions", Map.of("#ComputerSystem.Reset", reset));
        s.put("Links", Map.of("Chassis", List.of(link(CHASSIS)), "ManagedBy", List.of(link(MANAGER))));
        return s;
    }

    Map<String, Object> chassisResource() {
        Map<String, Object> c = resource(CHASSIS, "#Chassis.v1_14_0.Chassis", "1", node() + " chassis");
        c.put("ChassisType", "RackMount");
        c.put("Manufacturer", "herd");
        c.put("Model", "herd lab chassis");
        c.put("SerialNumber", serial());
        c.put("PowerState", powerState());
        c.put("Status", status());
        c.put("Links", Map.of("ComputerSystems", List.of(link(SYSTEM)), "ManagedBy", List.of(link(MANAGER))));
        return c;
    }

    Map<String, Object> manager() {
        Map<String, Object> m = resource(MANAGER, "#Manager.v1_10_0.Manager", "BMC", node() + " BMC");
        m.put("ManagerType", "BMC");
        m.put("Model", "herd lab BMC");
        m.put("FirmwareVersion", "herd-lab-bmc 1.0");
        m.put("UUID", UUID.nameUUIDFromBytes(("bmc " + node()).getBytes(StandardCharsets.UTF_8)).toString());
        m.put("Status", status());
        m.put("Links", Map.of("ManagerForServers", List.of(link(SYSTEM)), "ManagerForChassis", List.of(link(CHASSIS))));
        return m;
    }

    /** The ETag of the ComputerSystem (weak): it changes whenever power or boot settings change. */
    String etag() {
        return (String) computerSystem().get("@odata.etag");
    }

    private static String target(String word) {
        return CHASSIS_BOOT.entrySet().stream().filter(e -> e.getValue().equals(word)).map(Map.Entry::getKey)
                .findFirst().orElse("None");
    }

    /** Sets the boot override; every value was checked by the caller. */
    void setBoot(String target, String enabled, String mode) {
        String[] override = override();
        String newTarget = target != null ? target : target(chassis.get("boot").get("boot"));
        String newEnabled = enabled != null ? enabled : override[0];
        if (newEnabled.equals("Disabled")) {
            newTarget = "None";
        } else if (enabled == null && override[0].equals("Disabled")) {
            newEnabled = "Once";
        }
        write(state.resolve("boot-override"), newEnabled + " " + (mode != null ? mode : override[1]) + "\n");
        chassis.set("boot", CHASSIS_BOOT.get(newTarget));
    }

    /** Runs a reset through the chassis program; returns when it is done. */
    void reset(String type) {
        switch (type) {
            case "On", "ForceOn" -> chassis.set("power", "1");
            case "ForceOff" -> chassis.set("power", "0");
            case "ForceRestart" -> chassis.set("reset", "1");
            case "GracefulShutdown" -> {
                chassis.set("shutdown", "1");
                waitForOff();
            }
            case "PowerCycle" -> {
                chassis.set("power", "0");
                chassis.set("power", "1");
            }
            default -> throw new IllegalArgumentException(type);
        }
    }

    /** Whether the reset runs as a task (202 and a task monitor): the ones that take a while. */
    static boolean slow(String type) {
        return type.equals("GracefulShutdown") || type.equals("PowerCycle");
    }

    private void waitForOff() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (powerState().equals("On") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String serial() {
        return "HERD-" + node().toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> status() {
        return Map.of("State", "Enabled", "Health", "OK");
    }

    static Map<String, Object> link(String path) {
        return Map.of("@odata.id", path);
    }

    static Map<String, Object> resource(String path, String type, String id, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("@odata.id", path);
        r.put("@odata.type", type);
        r.put("Id", id);
        r.put("Name", name);
        return r;
    }

    static Map<String, Object> collection(String path, String type, String name, List<String> members) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("@odata.id", path);
        c.put("@odata.type", type);
        c.put("Name", name);
        c.put("Members", members.stream().map(RedfishSystem::link).toList());
        c.put("Members@odata.count", members.size());
        return c;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
