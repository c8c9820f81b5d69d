package herd.inventory;

/**
 * How herd reaches a node over SSH. Every field may be null in one layer (defaults, group-defaults,
 * node); {@link Inventory#ssh(String)} gives the merged, complete settings.
 *
 * @param host       where to connect; null means the node's ip (or its name)
 * @param port       TCP port
 * @param user       login user
 * @param identity   private key file ({@code ~} expanded by the user of it)
 * @param knownHosts known_hosts file checked for host keys
 * @param hostCa     the host CA's private key (its public key beside it, {@code .pub}): a deploy signs
 *                   the nodes' new host keys with it; null: no host certificates
 * @param hostCertValidity how long a host certificate is valid, as {@code ssh-keygen -V} reads it
 */
public record Ssh(String host, Integer port, String user, String identity, String knownHosts, String hostCa,
                  String hostCertValidity) {

    static final Ssh NONE = new Ssh(null, null, null, null, null, null, null);
    static final Ssh BUILT_IN = new Ssh(null, 22, "root", "~/.ssh/id_ed25519", "~/.ssh/known_hosts", null, "+52w");

    /** This layer over {@code base}: a field set here wins. */
    public Ssh over(Ssh base) {
        return new Ssh(pick(host, base.host), pick(port, base.port), pick(user, base.user),
                pick(identity, base.identity), pick(knownHosts, base.knownHosts), pick(hostCa, base.hostCa),
                pick(hostCertValidity, base.hostCertValidity));
    }

    static <T> T pick(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }
}
