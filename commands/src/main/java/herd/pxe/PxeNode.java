package herd.pxe;

import java.util.Objects;

/**
 * A node as the PXE tree sees it: its name (the DHCP host-name iPXE chains by), its addresses,
 * the profile it installs and the management node's address on its network (next-server).
 */
public record PxeNode(String name, String ip, String mac, String profile, String server) {

    public PxeNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(server, "server");
    }
}
