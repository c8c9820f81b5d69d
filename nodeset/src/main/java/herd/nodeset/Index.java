package herd.nodeset;

/**
 * Helpers for one index of a range: a value and its printed width. An index is identified by the
 * pair (len, value) where len is its printed length (with zero padding) for values >= 0, and
 * minus its printed length (sign included) for negative values; ordering by (len, value) is
 * ClusterShell's ordering ("9" &lt; "00" &lt; "01" &lt; "10").
 */
final class Index {
    private Index() {
    }

    static int digits(long v) {
        long a = Math.abs(v);
        int d = 1;
        while (a >= 10) {
            a /= 10;
            d++;
        }
        return d;
    }

    /** The (len) of value v written with zero padding pad (0 = none). */
    static int lenOf(long v, int pad) {
        if (v < 0) {
            return -(digits(v) + 1);
        }
        return Math.max(pad, digits(v));
    }

    static boolean padded(int len, long v) {
        return v >= 0 && len > digits(v);
    }

    static String format(int len, long v) {
        String s = Long.toString(v);
        if (v < 0 || s.length() >= len) {
            return s;
        }
        StringBuilder sb = new StringBuilder(len);
        for (int i = s.length(); i < len; i++) {
            sb.append('0');
        }
        return sb.append(s).toString();
    }

    /** Like Python's "%0*d" % (pad, v). */
    static String formatPad(int pad, long v) {
        return v < 0 ? Long.toString(v) : format(pad, v);
    }

    /** Smallest power of ten strictly above every d-digit number: 10^d, saturated. */
    static long pow10(int d) {
        long p = 1;
        for (int i = 0; i < d; i++) {
            if (p > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
            p *= 10;
        }
        return p;
    }

    static int compare(int lenA, long a, int lenB, long b) {
        int c = Integer.compare(lenA, lenB);
        return c != 0 ? c : Long.compare(a, b);
    }
}
