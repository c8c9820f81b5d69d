package herd.dns;

import herd.services.DnsSettings;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Address;
import org.xbill.DNS.ReverseMap;

/** Name arithmetic: qualifying short names, reverse names of addresses, the zone holding a name. */
final class DnsNames {
    private DnsNames() {
    }

    static boolean isIpv4(String s) {
        return s != null && Address.isDottedQuad(s);
    }

    static boolean isIpv6(String s) {
        if (s == null || !s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        return Address.toByteArray(s, Address.IPv6) != null;
    }

    /** The in-addr.arpa / ip6.arpa name of an address literal, absolute and lower case. */
    static String reverse(String ip) {
        try {
            return ReverseMap.fromAddress(ip).toString().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            throw new DnsException("'" + ip + "' is not an IP address");
        }
    }

    /** An absolute name: as is when it ends with a dot or a zone's name, else under the domain. */
    static String qualify(String name, DnsSettings s) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            return n;
        }
        for (String zone : s.zones().keySet()) {
            String z = zone.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            if (n.equals(z) || n.endsWith("." + z)) {
                return n + ".";
            }
        }
        if (s.domain().isEmpty()) {
            throw new DnsException("'" + name + "' is not qualified and the inventory has no cluster.domain");
        }
        return n + "." + s.domain().toLowerCase(Locale.ROOT).replaceAll("\\.$", "") + ".";
    }

    /** The configured zone holding {@code fqdn} (the longest matching one). */
    static Optional<String> zoneOf(String fqdn, Map<String, String> zones) {
        String best = null;
        for (String zone : zones.keySet()) {
            String z = ZoneFile.absolute(zone);
            if ((fqdn.equals(z) || fqdn.endsWith("." + z)) && (best == null || z.length() > ZoneFile.absolute(best).length())) {
                best = zone;
            }
        }
        return Optional.ofNullable(best);
    }
}
