package herd.dns;

import herd.services.DnsSettings;
import java.math.BigInteger;
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

    /** An address literal as a number (IPv4 and IPv6 each in their own order); null when not an address. */
    static BigInteger order(String ip) {
        if (isIpv4(ip)) {
            return new BigInteger(1, Address.toByteArray(ip, Address.IPv4));
        }
        return isIpv6(ip) ? new BigInteger(1, Address.toByteArray(ip, Address.IPv6)) : null;
    }

    /**
     * The address a reverse name stands for, as a number (numeric labels of in-addr.arpa, RFC 2317
     * labels such as {@code 64/26} left out; the nibbles of ip6.arpa); null for other names.
     */
    static BigInteger reverseOrder(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] labels;
        if (n.endsWith(".in-addr.arpa.")) {
            labels = n.substring(0, n.length() - ".in-addr.arpa.".length()).split("\\.");
            BigInteger v = BigInteger.ZERO;
            for (int i = labels.length - 1; i >= 0; i--) {
                if (labels[i].matches("\\d{1,3}")) {
                    v = v.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(labels[i])));
                }
            }
            return v;
        }
        if (n.endsWith(".ip6.arpa.")) {
            labels = n.substring(0, n.length() - ".ip6.arpa.".length()).split("\\.");
            StringBuilder hex = new StringBuilder();
            for (int i = labels.length - 1; i >= 0; i--) {
                if (!labels[i].matches("[0-9a-f]")) {
                    return null;
                }
                hex.append(labels[i]);
            }
            return new BigInteger(hex.toString(), 16);
        }
        return null;
    }

    /**
     * The RFC 2317 classless zone among {@code zones} that holds the reverse name of IPv4 address
     * {@code rev} ({@code 70.3.10.10.in-addr.arpa.} → {@code 70.64/26.3.10.10.in-addr.arpa.}, with
     * zone labels {@code 64/26}, {@code 64-26} or {@code 64-127}); empty when none does.
     */
    static Optional<String> classless(String rev, Map<String, String> zones) {
        int dot = rev.indexOf('.');
        if (dot < 0 || !rev.endsWith(".in-addr.arpa.") || !rev.substring(0, dot).matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int host = Integer.parseInt(rev.substring(0, dot));
        String rest = rev.substring(dot + 1);
        for (String zone : zones.keySet()) {
            String z = ZoneFile.absolute(zone);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,3})[/-](\\d{1,3})\\.(.*)").matcher(z);
            if (m.matches() && m.group(3).equals(rest)) {
                int first = Integer.parseInt(m.group(1));
                int second = Integer.parseInt(m.group(2));
                boolean prefix = z.contains("/") || (second >= 24 && second <= 32 && second < first) || (second >= 25 && first == 0);
                int last = prefix ? first + (1 << (32 - second)) - 1 : second;
                if (host >= first && host <= last) {
                    return Optional.of(host + "." + z);
                }
            }
        }
        return Optional.empty();
    }
}
