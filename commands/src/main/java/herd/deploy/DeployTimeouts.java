package herd.deploy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a node may stay in each stage before it is reported stuck. Defaults in one place:
 * a BMC power cycle to the first DHCP offer (POST) 5 min, the installation itself 60 min,
 * the reboot 10 min, sshd after the reboot 5 min, every network boot step 2 min.
 */
public record DeployTimeouts(Map<Stage, Duration> limits) {

    public DeployTimeouts {
        limits = Map.copyOf(limits);
    }

    public static DeployTimeouts defaults() {
        Map<Stage, Duration> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, Duration.ofMinutes(2));
        }
        m.put(Stage.WAITING, Duration.ofMinutes(5));
        m.put(Stage.INSTALLER_CONFIG, Duration.ofMinutes(60));
        m.put(Stage.INSTALLING, Duration.ofMinutes(60));
        m.put(Stage.INSTALL_FINISHED, Duration.ofMinutes(10));
        m.put(Stage.REBOOTED, Duration.ofMinutes(5));
        return new DeployTimeouts(m);
    }

    /** Every stage limited to {@code d} (tests, and {@code --timeout} applied per stage). */
    public static DeployTimeouts uniform(Duration d) {
        Map<Stage, Duration> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, d);
        }
        return new DeployTimeouts(m);
    }

    public Duration of(Stage s) {
        return limits.getOrDefault(s, Duration.ofMinutes(2));
    }
}
