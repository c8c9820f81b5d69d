package herd.logs;

/**
 * What a log line says, once parsed: a DHCP exchange step, a TFTP read, an HTTP request, or
 * nothing herd understands ({@link Unparsed}). Addresses are as logged (MACs lower-cased).
 */
public sealed interface LogEvent permits LogEvent.Dhcp, LogEvent.Tftp, LogEvent.Http, LogEvent.Unparsed {

    /** The DHCP message types ISC dhcpd logs. */
    enum DhcpKind { DISCOVER, OFFER, REQUEST, ACK, NAK, INFORM, RELEASE, DECLINE }

    /**
     * One dhcpd log line: {@code DHCPACK on 10.10.3.1 to 08:00:27:0d:f8:a5 (valkyrie01) via eth0}.
     *
     * @param ip       the address offered/acked/requested, "" when the line has none (DISCOVER)
     * @param hostname the client's host name in parentheses, "" when absent
     * @param detail   what follows, e.g. {@code network 10.10.0.0/16: no free leases}, "" when nothing
     */
    record Dhcp(DhcpKind kind, String mac, String ip, String hostname, String detail) implements LogEvent {
    }

    /** A TFTP read request (tftpd-hpa {@code RRQ from IP filename F}, fbtftp {@code Stats: for (IP, port) requesting 'F'}). */
    record Tftp(String clientIp, String file) implements LogEvent {
    }

    /** One request of a combined (Apache/nginx) access log. */
    record Http(String clientIp, String method, String path, int status, long bytes, String userAgent)
            implements LogEvent {
    }

    /** A line herd does not interpret (still shown, filtered and tagged by any node name it contains). */
    record Unparsed() implements LogEvent {
    }
}
