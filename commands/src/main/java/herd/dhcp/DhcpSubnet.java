package herd.dhcp;

/** A declared {@code subnet A netmask M { ... }} block; offsets point into the parsed text. */
record DhcpSubnet(String address, String netmask, int start, int open, int close, int firstChild) {

    /** True when {@code ip} (an IPv4 literal) lies in this subnet. */
    boolean contains(String ip) {
        long a = ipv4(address);
        long m = ipv4(netmask);
        long x = ipv4(ip);
        return a >= 0 && m >= 0 && x >= 0 && (x & m) == (a & m);
    }

    String cidr() {
        return address + "/" + Long.bitCount(Math.max(0, ipv4(netmask)));
    }

    /** An IPv4 literal as an unsigned number, -1 when it is not one (never a name lookup). */
    static long ipv4(String s) {
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return -1;
        }
        long v = 0;
        for (String part : s.split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }
}
