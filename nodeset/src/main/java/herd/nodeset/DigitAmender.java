package herd.nodeset;

/**
 * Moves digits written next to brackets into the range, as ClusterShell does:
 * {@code n0[1-3]} = {@code n[01-03]}, {@code n[1-2]0} = {@code n[10-20/10]}.
 */
final class DigitAmender {
    private DigitAmender() {
    }

    /** Returns {outer without trailing digits... , amended range} for a bracket prefix. */
    static String[] leading(String outer, String inner) {
        int k = outer.length();
        while (k > 0 && NameScanner.isDigit(outer.charAt(k - 1))) {
            k--;
        }
        if (k == outer.length()) {
            return new String[] {outer, inner};
        }
        String digits = outer.substring(k);
        StringBuilder sb = new StringBuilder();
        for (RangeSet part : RangeSet.parse(inner).contiguous(RangeSet.AUTOSTEP_OFF)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            String[] bounds = part.toString().split("-", -1);
            for (int i = 0; i < bounds.length; i++) {
                sb.append(i > 0 ? "-" : "").append(digits).append(bounds[i]);
            }
        }
        return new String[] {outer.substring(0, k), sb.toString()};
    }

    /** Returns {outer without leading digits, amended range} for a bracket suffix. */
    static String[] trailing(String outer, String inner) {
        int k = 0;
        while (k < outer.length() && NameScanner.isDigit(outer.charAt(k))) {
            k++;
        }
        if (k == 0) {
            return new String[] {outer, inner};
        }
        if (inner.indexOf('/') >= 0) {
            throw new NodeSetParseException("bad nodeset", outer, "digits after a stepped range");
        }
        String digits = outer.substring(0, k);
        StringBuilder sb = new StringBuilder();
        for (String elem : inner.split(",", -1)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            String[] bounds = elem.split("-", -1);
            StringBuilder e = new StringBuilder();
            for (int i = 0; i < bounds.length; i++) {
                e.append(i > 0 ? "-" : "").append(bounds[i]).append(digits);
            }
            sb.append(e);
            if (elem.indexOf('-') >= 0) {
                sb.append("/1").append("0".repeat(k));
            }
        }
        return new String[] {outer.substring(k), sb.toString()};
    }
}
