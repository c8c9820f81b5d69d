package herd.dns;

import herd.files.FileChange;
import java.util.List;
import java.util.Map;

/**
 * What a {@code dns add|remove} did.
 *
 * @param changes the zone files edited (empty for a dynamic update)
 * @param records the records added or removed, as {@code name TYPE value}
 * @param serials zone to its new serial (file edits)
 * @param written files replaced; applied: named reloaded and serving the new serials, or the
 *     dynamic update accepted
 */
public record DnsResult(List<FileChange> changes, List<String> records, Map<String, Long> serials, boolean written,
        boolean applied, boolean dynamic) {

    /** The unified diff of every changed file. */
    public String diff() {
        return String.join("", changes.stream().map(FileChange::diff).toList());
    }
}
