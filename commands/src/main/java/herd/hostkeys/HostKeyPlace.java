package herd.hostkeys;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a node's host keys are pinned: the known_hosts file, the names it files them under, and the
 * host CA that certifies them, when the inventory has one ({@code ssh.host-ca}).
 */
public record HostKeyPlace(NodeNames names, Path knownHosts, Optional<HostCa> ca) {

    /** A host CA: its private key (public key at {@code key.pub}) and the validity it signs for ({@code ssh-keygen -V}). */
    public record HostCa(Path key, String validity) {
        public Path publicKey() {
            return Path.of(key + ".pub");
        }
    }

    public HostKeyPlace {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(ca, "ca");
    }

    public HostKeyPlace(NodeNames names, Path knownHosts) {
        this(names, knownHosts, Optional.empty());
    }

    public String node() {
        return names.node();
    }
}
