package herd.pxe;

import java.util.List;

/**
 * The outcome of a render: one entry per file or link of the tree, and the warnings (missing
 * kernel, initrd, stage2 or iPXE binaries; a group spanning two next-servers).
 */
public record PxeRenderResult(List<Change> changes, List<String> warnings, boolean written) {

    /** What happens to one path under the http root. */
    public enum Kind { CREATED, UPDATED, UNCHANGED, KEPT_LOCAL }

    /** One path: its change, and its unified diff (or "-> target" for links) when it changes. */
    public record Change(String path, Kind kind, String diff) {
    }

    public PxeRenderResult {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** The number of paths created or updated. */
    public long changed() {
        return changes.stream().filter(c -> c.kind() == Kind.CREATED || c.kind() == Kind.UPDATED).count();
    }
}
