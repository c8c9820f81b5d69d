package herd.dhcp;

import java.util.List;
import java.util.Map;

/**
 * A host entry as found in dhcpd.conf ("" for an absent field).
 *
 * @param others every other statement of the block, key to value text as written
 * @param scope the enclosing blocks, outermost first
 */
public record DhcpEntry(String name, String mac, String ip, String hostName, String filename, String nextServer,
        Map<String, String> others, int line, List<String> scope) {
}
