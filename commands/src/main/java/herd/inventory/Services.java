package herd.inventory;

import java.util.Map;

/**
 * Where the management node keeps its service files (see docs/inventory.md). Absent keys are null.
 *
 * @param host     the node holding the files (over SFTP); null = local files
 * @param dhcp     dhcpd settings or null
 * @param dns      named settings or null
 * @param hosts    the hosts file
 * @param httpRoot root of the iPXE/installer tree
 * @param httpLog  web server access log
 * @param tftpRoot TFTP root
 * @param dhcpLog  dhcpd log file or {@code journal:UNIT}
 */
public record Services(String host, Dhcp dhcp, Dns dns, String hosts, String httpRoot, String httpLog,
                       String tftpRoot, String dhcpLog) {

    static final Services NONE = new Services(null, null, null, null, null, null, null, null);

    /** @param conf dhcpd.conf path; @param restart command run by {@code --apply} */
    public record Dhcp(String conf, String restart) {
    }

    /**
     * @param server  address named answers on
     * @param port    its port
     * @param zones   zone name to zone file, in file order
     * @param rndc    rndc command prefix
     * @param tsig    TSIG key for dynamic updates, or null
     * @param dynamic true when dns add/remove use RFC 2136 updates
     */
    public record Dns(String server, Integer port, Map<String, String> zones, String rndc, Tsig tsig, boolean dynamic) {
    }

    /** @param secret a secret reference ({@code env:}, {@code file:}, {@code prompt}) */
    public record Tsig(String name, String algorithm, String secret) {
    }
}
