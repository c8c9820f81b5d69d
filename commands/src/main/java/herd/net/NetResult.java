package herd.net;

import herd.files.FileChange;
import java.util.List;

/**
 * What {@code net sync} did or would do.
 *
 * @param changes every changed file (DHCP, zones, hosts)
 * @param actions one line per entry added, changed or removed
 * @param written files replaced; applied: dhcpd restarted / zones reloaded and verified
 */
public record NetResult(List<FileChange> changes, List<String> actions, boolean written, boolean applied) {

    public String diff() {
        return String.join("", changes.stream().filter(FileChange::changed).map(FileChange::diff).toList());
    }
}
