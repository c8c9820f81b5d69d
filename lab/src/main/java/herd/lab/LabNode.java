package herd.lab;

/**
 * One node of a lab: where its sshd listens, its cluster identity (address and MAC, as in the
 * tutorial), and its BMC.
 *
 * @param name        node name, also its hostname (valkyrie01, odin, ...)
 * @param group       inventory group: compute, mgmt, storage or login
 * @param sshHost     loopback address its sshd listens on (127.a.x.y)
 * @param sshPort     sshd port (2222)
 * @param ip          cluster address (10.10.3.x for compute nodes)
 * @param mac         MAC address of its cluster interface (lower case)
 * @param bmcPort     UDP port of its ipmi_sim on 127.0.0.1, or 0 when the lab has no BMCs
 * @param consolePort TCP port on {@code sshHost} of its serial console, or 0 without BMCs
 */
public record LabNode(String name, String group, String sshHost, int sshPort, String ip, String mac,
                      int bmcPort, int consolePort) {

    /** The BMC address, always 127.0.0.1 in a lab. */
    public String bmcHost() {
        return "127.0.0.1";
    }

    public boolean hasBmc() {
        return bmcPort > 0;
    }
}
