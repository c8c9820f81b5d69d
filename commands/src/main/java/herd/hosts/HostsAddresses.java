package herd.hosts;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** Address literals of a hosts file as values: canonical spelling, family, order, loopback. */
final class HostsAddresses {
    private HostsAddresses() {
    }

    /** The address as bytes, empty when the text is not an address literal (never a DNS lookup). */
    static Optional<byte[]> bytes(String ip) {
        String literal = ip.replaceFirst("%.*$", "");
        if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !(literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** One spelling per address ({@code fd00:0::1} and {@code FD00::1} alike); the text itself when not an address. */
    static String canonical(String ip) {
        return bytes(ip).map(b -> (b.length == 4 ? "4:" : "6:") + new BigInteger(1, b).toString(16))
                .orElse(ip.toLowerCase(Locale.ROOT));
    }

    /** 4 or 6; 0 for text that is no address. */
    static int family(String ip) {
        return bytes(ip).map(b -> b.length == 4 ? 4 : 6).orElse(0);
    }

    /** The address as a number, for ordering within a family. */
    static BigInteger order(String ip) {
        return bytes(ip).map(b -> new BigInteger(1, b)).orElse(BigInteger.ZERO);
    }

    /** Loopback and the ip6-* names every hosts file carries: never siblings of a cluster node. */
    static boolean special(String ip) {
        return bytes(ip).map(b -> b.length == 4 ? b[0] == 127 : (b[0] == (byte) 0xfe && b[1] == 0) || b[0] == (byte) 0xff
                || new BigInteger(1, b).equals(BigInteger.ONE)).orElse(true);
    }
}
