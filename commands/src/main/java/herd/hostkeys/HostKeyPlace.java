package herd.hostkeys;

import java.nio.file.Path;
import java.util.Objects;

/** Where a node's host keys are pinned: the known_hosts file, and the names it files them under. */
public record HostKeyPlace(NodeNames names, Path knownHosts) {

    public HostKeyPlace {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    public String node() {
        return names.node();
    }
}
