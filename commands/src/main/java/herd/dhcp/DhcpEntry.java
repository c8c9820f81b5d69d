package herd.dhcp;

import java.util.List;
import java.util.Map;

/**
 * A host entry as found in dhcpd.conf ("" for an absent field).
 *
 * @param ip the first fixed address (an IPv4 literal or a DNS name)
 * @param others every other statement of the block, key to value text as written
 * @param scope the enclosing blocks, outermost first
 * @param addresses every fixed address, as written ({@code fixed-address a, b;} has two)
 */
public record DhcpEntry(String name, String mac, String ip, String hostName, String filename, String nextServer,
        Map<String, String> others, int line, List<String> scope, List<String> addresses) {
}
