package herd.lab;

import java.util.List;

/**
 * What a real dhclient, in its own network namespace with a node's MAC, got from the lab's dhcpd.
 *
 * @param mac               MAC address the client used
 * @param bound             whether it got a lease (false: no offer, e.g. an unknown MAC)
 * @param ip                offered address (fixed-address of the host block), "" when unbound
 * @param hostName          option host-name
 * @param nextServer        next-server (PXE/TFTP server)
 * @param filename          boot file name (undionly.kpxe / ipxe.efi by client-arch), "" if none
 * @param domainName        option domain-name
 * @param domainNameServers option domain-name-servers
 */
public record DhcpLease(String mac, boolean bound, String ip, String hostName, String nextServer, String filename,
                        String domainName, List<String> domainNameServers) {
}
