package herd.inventory;

/**
 * One layer of per-node settings: {@code defaults}, a {@code group-defaults} entry, or a node.
 *
 * @param ssh     SSH settings of this layer (never null; fields may be)
 * @param bmc     BMC settings of this layer (never null; fields may be)
 * @param profile deploy profile name, or null
 */
public record Settings(Ssh ssh, Bmc bmc, String profile) {

    static final Settings NONE = new Settings(Ssh.NONE, Bmc.NONE, null);
}
