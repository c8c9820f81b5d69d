package herd.bmc;

import herd.session.UsageException;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code power ACTION} asks a BMC to do: {@code PowerAction.parse("cycle")}.
 * {@link #STATUS} only reads; the others change the node's state.
 */
public enum PowerAction {
    STATUS(-1),
    ON(0x01),
    OFF(0x00),
    SOFT(0x05),
    RESET(0x03),
    CYCLE(0x02);

    private final int chassisControl;

    PowerAction(int chassisControl) {
        this.chassisControl = chassisControl;
    }

    /** The IPMI Chassis Control request byte (netfn chassis, cmd 0x02); -1 for STATUS. */
    public int chassisControl() {
        return chassisControl;
    }

    /** True for the actions that can take a running node down (confirmation above the threshold). */
    public boolean destructive() {
        return this == OFF || this == SOFT || this == RESET || this == CYCLE;
    }

    /** The state {@code --wait} waits for; empty for STATUS. */
    public Optional<PowerState> target() {
        return switch (this) {
            case STATUS -> Optional.empty();
            case OFF, SOFT -> Optional.of(PowerState.OFF);
            case ON, RESET, CYCLE -> Optional.of(PowerState.ON);
        };
    }

    public static PowerAction parse(String word) {
        for (PowerAction a : values()) {
            if (a.word().equals(word.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new UsageException("power: unknown action \"" + word + "\" (on, off, soft, reset, cycle, status)");
    }

    /** The command-line word: "on", "cycle". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
