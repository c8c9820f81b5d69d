package herd.logs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one message (syslog prefix already removed) into a {@link LogEvent}: ISC dhcpd,
 * tftpd-hpa, fbtftp (the tutorial's server) and the combined access log of Apache and nginx.
 * <pre>{@code
 * LogEvent e = MessageParser.parse("DHCPOFFER on 10.10.3.1 to 08:00:27:0d:f8:a5 via eth0");
 * }</pre>
 */
public final class MessageParser {

    private static final String MAC = "([0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5})";
    private static final String IP = "(\\d{1,3}(?:\\.\\d{1,3}){3})";
    private static final String NAME = "(?: \\(([^)]*)\\))?";
    private static final String REST = "(?: via \\S+)?(?::? (.*))?$";
    /** DHCPDISCOVER from MAC [(name)] via IF[: detail] */
    private static final Pattern DISCOVER = Pattern.compile("^DHCP(DISCOVER) from " + MAC + NAME + REST);
    /** DHCPOFFER on IP to MAC [(name)] via IF; also DHCPACK/DHCPNAK */
    private static final Pattern ON_TO = Pattern.compile("^DHCP(OFFER|ACK|NAK) on " + IP + " to " + MAC + NAME + REST);
    /** DHCPREQUEST for IP [(server)] from MAC [(name)] via IF[: detail] */
    private static final Pattern REQUEST = Pattern.compile(
            "^DHCP(REQUEST) for " + IP + "(?: \\([^)]*\\))? from " + MAC + NAME + REST);
    /** DHCPRELEASE of IP from MAC [(name)] via IF (found) ; DHCPDECLINE of IP from MAC via IF */
    private static final Pattern OF_FROM = Pattern.compile("^DHCP(RELEASE|DECLINE) of " + IP + " from " + MAC + NAME + REST);
    /** DHCPINFORM from IP via IF */
    private static final Pattern INFORM = Pattern.compile("^DHCP(INFORM) from " + IP + REST);
    private static final Pattern TFTPD_HPA = Pattern.compile("^RRQ from (?:::ffff:)?(\\S+) filename (\\S+)");
    private static final Pattern FBTFTP = Pattern.compile(
            "^Stats: for \\('(?:::ffff:)?([^']+)', \\d+(?:, \\d+, \\d+)?\\) requesting '([^']*)'");
    /** host ident user [time] "request" status bytes "referer" "agent" */
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[[^]]+] \"(\\S+) (\\S+)[^\"]*\" (\\d{3}) (\\d+|-)(?: \"[^\"]*\" \"([^\"]*)\")?");

    private MessageParser() {
    }

    public static LogEvent parse(String message) {
        if (message.startsWith("DHCP")) {
            return dhcp(message);
        }
        Matcher m = TFTPD_HPA.matcher(message);
        if (m.find()) {
            return new LogEvent.Tftp(m.group(1), stripSlash(m.group(2)));
        }
        m = FBTFTP.matcher(message);
        if (m.find()) {
            return new LogEvent.Tftp(m.group(1), stripSlash(m.group(2)));
        }
        m = COMBINED.matcher(message);
        if (m.find()) {
            long bytes = m.group(5).equals("-") ? 0 : Long.parseLong(m.group(5));
            return new LogEvent.Http(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), bytes,
                    m.group(6) == null ? "" : m.group(6));
        }
        return new LogEvent.Unparsed();
    }

    private static LogEvent dhcp(String message) {
        Matcher m = DISCOVER.matcher(message);
        if (m.find()) {
            return dhcp(m.group(1), m.group(2), "", m.group(3), m.group(4));
        }
        for (Pattern p : new Pattern[] {ON_TO, REQUEST, OF_FROM}) {
            m = p.matcher(message);
            if (m.find()) {
                return dhcp(m.group(1), m.group(3), m.group(2), m.group(4), m.group(5));
            }
        }
        m = INFORM.matcher(message);
        if (m.find()) {
            return dhcp(m.group(1), "", m.group(2), null, m.group(3));
        }
        return new LogEvent.Unparsed();
    }

    private static LogEvent dhcp(String kind, String mac, String ip, String name, String detail) {
        return new LogEvent.Dhcp(LogEvent.DhcpKind.valueOf(kind), normalizeMac(mac), ip,
                name == null ? "" : name, detail == null ? "" : detail.strip());
    }

    /** {@code 8:0:27:D:F8:A5} -> {@code 08:00:27:0d:f8:a5} (dhcpd drops leading zeros). */
    public static String normalizeMac(String mac) {
        if (mac.isEmpty()) {
            return mac;
        }
        StringBuilder b = new StringBuilder();
        for (String part : mac.split(":")) {
            b.append(b.length() == 0 ? "" : ":").append(part.length() == 1 ? "0" : "").append(part);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String stripSlash(String file) {
        return file.startsWith("/") ? file.substring(1) : file;
    }
}
