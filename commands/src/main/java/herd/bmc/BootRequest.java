package herd.bmc;

import java.util.List;
import java.util.Optional;

/**
 * {@code bootdev DEVICE NODES} (a setting) or {@code bootdev status NODES} (empty setting):
 * {@code new BootRequest(nodes, Optional.of(new BootSetting(BootDevice.PXE, false, false)))}.
 */
public record BootRequest(List<String> nodes, Optional<BootSetting> setting) {

    public BootRequest {
        nodes = List.copyOf(nodes);
    }
}
