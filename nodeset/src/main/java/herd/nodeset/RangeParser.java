package herd.nodeset;

/** Parses ClusterShell range lists: {@code 1,3-5,01-10/2,-3--1}. */
final class RangeParser {
    /** ClusterShell refuses single ranges of a billion indexes or more. */
    private static final long MAX_SPAN = 1_000_000_000L;

    private RangeParser() {
    }

    static RangeSet parse(String text) {
        RangeSet.Builder b = new RangeSet.Builder();
        for (String raw : text.split(",", -1)) {
            addSubrange(b, raw.strip(), text);
        }
        return b.build();
    }

    private static NodeSetParseException bad(String part, String problem) {
        return new NodeSetParseException("bad range", part, problem);
    }

    private static void addSubrange(RangeSet.Builder b, String sub, String whole) {
        if (sub.isEmpty()) {
            throw bad(whole, "empty range");
        }
        String base = sub;
        long step = 1;
        int slash = sub.indexOf('/');
        if (slash >= 0) {
            base = sub.substring(0, slash);
            step = number(sub.substring(slash + 1).strip(), sub);
        }
        String begin;
        String end;
        int beginSign = 1;
        int endSign = 1;
        String[] parts = base.split("-", -1);
        switch (parts.length) {
            case 1 -> {
                if (step != 1) {
                    throw bad(sub, "step without a range");
                }
                begin = parts[0].strip();
                end = begin;
            }
            case 2 -> {
                begin = parts[0].strip();
                end = parts[1].strip();
                if (begin.isEmpty()) {
                    begin = end;
                    beginSign = -1;
                    endSign = -1;
                }
            }
            case 3 -> {
                begin = parts[1].strip();
                end = parts[2].strip();
                beginSign = -1;
            }
            case 4 -> {
                begin = parts[1].strip();
                end = parts[3].strip();
                beginSign = -1;
                endSign = -1;
            }
            default -> throw bad(sub, "too many '-'");
        }
        long start = number(begin, sub);
        long stop = number(end, sub);
        int pad = begin.length() > 1 && begin.charAt(0) == '0' ? begin.length() : 0;
        boolean endPadded = end.length() > 1 && end.charAt(0) == '0' && stop != 0;
        if ((pad > 0 || endPadded) && begin.length() != end.length()) {
            throw bad(sub, "padding mismatch (" + begin + " vs " + end + ")");
        }
        if (pad > 0 && beginSign < 0) {
            throw bad(sub, "padding not supported in negative ranges");
        }
        long from = start * beginSign;
        long to = stop * endSign;
        if (from > to) {
            throw bad(sub, "reversed (" + from + " > " + to + ")");
        }
        if (step < 1) {
            throw bad(sub, "step must be at least 1");
        }
        if (to - from >= MAX_SPAN) {
            throw bad(sub, "range too large");
        }
        if (step == 1) {
            b.addRange(from, to, pad);
        } else {
            for (long v = from; v <= to; v += step) {
                b.add(v, pad);
            }
        }
    }

    private static long number(String s, String sub) {
        if (s.isEmpty()) {
            throw bad(sub, "missing number");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(sub, "not a number: \"" + s + "\"");
            }
        }
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 18) {
            throw bad(sub, "index too large");
        }
        return Long.parseLong(digits);
    }
}
