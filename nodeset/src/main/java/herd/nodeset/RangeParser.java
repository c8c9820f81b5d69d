package herd.nodeset;

import java.math.BigInteger;

/** Parses ClusterShell range lists: {@code 1,3-5,01-10/2,-3--1}. */
final class RangeParser {
    /** ClusterShell refuses single ranges of a billion indexes or more. */
    private static final long MAX_SPAN = 1_000_000_000L;

    private RangeParser() {
    }

    static RangeSet parse(String text) {
        RangeSetBuilder b = new RangeSetBuilder();
        for (String raw : text.split(",", -1)) {
            addSubrange(b, PyBlanks.strip(raw), text);
        }
        return b.build();
    }

    private static NodeSetParseException bad(String part, String problem) {
        return new NodeSetParseException("bad range", part, problem);
    }

    private static void addSubrange(RangeSetBuilder b, String sub, String whole) {
        if (sub.isEmpty()) {
            throw bad(whole, "empty range");
        }
        String base = sub;
        long step = 1;
        int slash = sub.indexOf('/');
        if (slash >= 0) {
            base = sub.substring(0, slash);
            step = number(PyBlanks.strip(sub.substring(slash + 1)), sub);
        }
        Bounds bounds = Bounds.of(base, sub, step);
        String begin = bounds.begin();
        String end = bounds.end();
        int beginSign = bounds.beginSign();
        int endSign = bounds.endSign();
        if (begin.length() >= BigIndexes.MIN_WIDTH || end.length() >= BigIndexes.MIN_WIDTH) {
            addBigSubrange(b, bounds, sub, step);
            return;
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

    /** A subrange with a bound of 19 digits or more, beyond the long-based runs. */
    private static void addBigSubrange(RangeSetBuilder b, Bounds bounds, String sub, long step) {
        String begin = bounds.begin();
        String end = bounds.end();
        if (bounds.beginSign() < 0 || bounds.endSign() < 0) {
            throw bad(sub, "negative index of more than 18 digits not supported");
        }
        BigInteger from = bigNumber(begin, sub);
        BigInteger to = bigNumber(end, sub);
        int pad = begin.length() > 1 && begin.charAt(0) == '0' ? begin.length() : 0;
        boolean endPadded = end.length() > 1 && end.charAt(0) == '0' && to.signum() != 0;
        if ((pad > 0 || endPadded) && begin.length() != end.length()) {
            throw bad(sub, "padding mismatch (" + begin + " vs " + end + ")");
        }
        if (from.compareTo(to) > 0) {
            throw bad(sub, "reversed (" + from + " > " + to + ")");
        }
        if (step < 1) {
            throw bad(sub, "step must be at least 1");
        }
        if (to.subtract(from).compareTo(BigInteger.valueOf(MAX_SPAN)) >= 0) {
            throw bad(sub, "range too large");
        }
        BigInteger by = BigInteger.valueOf(step);
        for (BigInteger v = from; v.compareTo(to) <= 0; v = v.add(by)) {
            b.addBig(v, pad);
        }
    }

    private static BigInteger bigNumber(String s, String sub) {
        if (s.isEmpty()) {
            throw bad(sub, "missing number");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(sub, "not a number: \"" + s + "\"");
            }
        }
        return new BigInteger(s);
    }

    /** The two bound texts of "a-b" (signs apart), split as ClusterShell splits on '-'. */
    private record Bounds(String begin, String end, int beginSign, int endSign) {
        static Bounds of(String base, String sub, long step) {
            String[] parts = base.split("-", -1);
            return switch (parts.length) {
                case 1 -> {
                    if (step != 1) {
                        throw bad(sub, "step without a range");
                    }
                    yield new Bounds(PyBlanks.strip(parts[0]), PyBlanks.strip(parts[0]), 1, 1);
                }
                case 2 -> PyBlanks.strip(parts[0]).isEmpty()
                        ? new Bounds(PyBlanks.strip(parts[1]), PyBlanks.strip(parts[1]), -1, -1)
                        : new Bounds(PyBlanks.strip(parts[0]), PyBlanks.strip(parts[1]), 1, 1);
                case 3 -> new Bounds(PyBlanks.strip(parts[1]), PyBlanks.strip(parts[2]), -1, 1);
                case 4 -> new Bounds(PyBlanks.strip(parts[1]), PyBlanks.strip(parts[3]), -1, -1);
                default -> throw bad(sub, "too many '-'");
            };
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
        int k = 0;
        while (k < s.length() - 1 && s.charAt(k) == '0') {
            k++;
        }
        if (s.length() - k > 18) {
            throw bad(sub, "index too large");
        }
        return Long.parseLong(s, k, s.length(), 10);
    }
}
