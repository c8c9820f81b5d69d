package herd.bmc;

import herd.session.OutcomeSet;
import java.util.Map;

/**
 * Per-node outcome of {@code bootdev}; an ok detail is the boot setting ("pxe", "disk persistent efi").
 *
 * @param settings the setting each answering node reported (status) or was given (set)
 */
public record BootResult(OutcomeSet outcomes, Map<String, BootSetting> settings) {

    public BootResult {
        settings = Map.copyOf(settings);
    }
}
