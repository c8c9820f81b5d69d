package herd.dhcp;

/** A declared {@code subnet A netmask M { ... }} block; offsets point into the parsed text. */
record DhcpSubnet(String address, String netmask, int start, int open, int close, int firstChild) {

    /** True when {@code ip} (an IPv4 literal) lies in this subnet. */
    boolean contains(String ip) {
        return contains(ipv4(ip));
    }

    /** True when {@code x} (an IPv4 address as a number, -1 for none) lies in this subnet. */
    boolean contains(long x) {
        long a = ipv4(address);
        long m = ipv4(netmask);
        return a >= 0 && m >= 0 && x >= 0 && (x & m) == (a & m);
    }

    String cidr() {
        return address + "/" + Long.bitCount(Math.max(0, ipv4(netmask)));
    }

    /** An IPv4 literal as an unsigned number, -1 when it is not one (never a name lookup). */
    static long ipv4(String s) {
        // Hand-parsed: called for every host on every placement, String.matches would compile a regex each time.
        long v = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (parts < 4) {
            int start = i;
            int octet = 0;
            while (i < n && i - start < 3 && Character.isDigit(s.charAt(i))) {
                octet = octet * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? v : -1;
    }
}
