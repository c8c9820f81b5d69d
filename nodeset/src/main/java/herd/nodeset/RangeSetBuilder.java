package herd.nodeset;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Collects indexes in any order for a {@link RangeSet}; {@link #build()} sorts and merges them.
 * Single indexes are packed into a long array and sorted in bulk, so 100k names cost one sort.
 *
 * <pre>{@code
 * RangeSet r = new RangeSetBuilder().addIndex("07").addRange(1, 5, 0).build();  // 1-5,07
 * }</pre>
 */
public final class RangeSetBuilder {

    private int[] lens = new int[8];
    private long[] los = new long[8];
    private long[] his = new long[8];
    private int n;
    private boolean sorted = true;
    /** Single non-negative indexes packed as len << 56 | value, sorted in bulk by build(). */
    private long[] points;
    private int npoints;
    /** Indexes of 19 digits or more; created on the first, so ordinary builders never pay for it. */
    private BigIndexes.Collector big;

    /** Adds one index written as in a node name ("7", "007", "-3"). */
    public RangeSetBuilder addIndex(String index) {
        if (!index.isEmpty() && index.charAt(0) != '-' && index.charAt(0) != '+') {
            return addDigits(index, 0, index.length());
        }
        long v = Long.parseLong(index);
        return addRun(v < 0 ? -Long.toString(v).length() : Index.lenOf(v, 0), v, v);
    }

    /** Adds the index written as ASCII digits {@code s[from, to)}. */
    RangeSetBuilder addDigits(CharSequence s, int from, int to) {
        if (to - from >= BigIndexes.MIN_WIDTH) {
            bigs().add(to - from, new BigInteger(s.subSequence(from, to).toString()));
            return this;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        int width = to - from;
        int len = width > 1 && s.charAt(from) == '0' ? width : Index.digits(v);
        if (len < 64 && v < (1L << 56)) {
            if (points == null) {
                points = new long[64];
            } else if (npoints == points.length) {
                points = Arrays.copyOf(points, npoints * 2);
            }
            points[npoints++] = ((long) len << 56) | v;
            return this;
        }
        return addRun(len, v, v);
    }

    /** Adds one non-negative value of any size with zero padding {@code pad} (0 = none). */
    RangeSetBuilder addBig(BigInteger value, int pad) {
        int len = Math.max(pad, value.toString().length());
        if (len < BigIndexes.MIN_WIDTH) {
            return add(value.longValueExact(), pad);
        }
        bigs().add(len, value);
        return this;
    }

    /** Adds one value with zero padding {@code pad} (0 = none). */
    public RangeSetBuilder add(long value, int pad) {
        return addRun(Index.lenOf(value, pad), value, value);
    }

    /** Adds consecutive values from..to (inclusive) with zero padding {@code pad}. */
    public RangeSetBuilder addRange(long from, long to, int pad) {
        long v = from;
        while (v <= to) {
            long end;
            if (v >= 0) {
                end = Index.pow10(Index.digits(v)) - 1;
            } else {
                int d = Index.digits(v);
                end = d > 1 ? -Index.pow10(d - 1) : -1;
            }
            end = Math.min(end, to);
            addRun(Index.lenOf(v, pad), v, end);
            if (end == Long.MAX_VALUE) {
                break;
            }
            v = end + 1;
        }
        return this;
    }

    RangeSetBuilder addRun(int len, long lo, long hi) {
        if (len >= BigIndexes.MIN_WIDTH) {
            for (long v = lo; v <= hi; v++) {
                bigs().add(len, BigInteger.valueOf(v));
            }
            return this;
        }
        if (n == lens.length) {
            int cap = n * 2;
            lens = Arrays.copyOf(lens, cap);
            los = Arrays.copyOf(los, cap);
            his = Arrays.copyOf(his, cap);
        }
        if (n > 0 && sorted && Index.compare(lens[n - 1], his[n - 1], len, lo) >= 0) {
            sorted = false;
        }
        if (n > 0 && sorted && lens[n - 1] == len && his[n - 1] + 1 == lo) {
            his[n - 1] = hi;
            return this;
        }
        lens[n] = len;
        los[n] = lo;
        his[n] = hi;
        n++;
        return this;
    }

    /** Adds every index of {@code r}. */
    public RangeSetBuilder addAll(RangeSet r) {
        for (int i = 0; i < r.lens.length; i++) {
            addRun(r.lens[i], r.los[i], r.his[i]);
        }
        for (int i = 0; i < r.big.size(); i++) {
            bigs().add(r.big.lens[i], r.big.values[i]);
        }
        return this;
    }

    private BigIndexes.Collector bigs() {
        if (big == null) {
            big = new BigIndexes.Collector();
        }
        return big;
    }

    public RangeSet build() {
        if (npoints > 0) {
            flushPoints();
        }
        BigIndexes bigs = big == null ? BigIndexes.EMPTY : big.build();
        if (n == 0) {
            return RangeSet.empty().withBig(bigs);
        }
        if (!sorted) {
            sortRuns();
        }
        return RunAlgebra.normalize(lens, los, his, n).withBig(bigs);
    }

    private void flushPoints() {
        long[] pts = points;
        int np = npoints;
        points = null;
        npoints = 0;
        Arrays.sort(pts, 0, np);
        long mask = (1L << 56) - 1;
        for (int i = 0; i < np; i++) {
            if (i > 0 && pts[i] == pts[i - 1]) {
                continue;
            }
            addRun((int) (pts[i] >>> 56), pts[i] & mask, pts[i] & mask);
        }
    }

    private void sortRuns() {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Index.compare(lens[a], los[a], lens[b], los[b]));
        int[] l2 = new int[n];
        long[] lo2 = new long[n];
        long[] hi2 = new long[n];
        for (int i = 0; i < n; i++) {
            l2[i] = lens[order[i]];
            lo2[i] = los[order[i]];
            hi2[i] = his[order[i]];
        }
        lens = l2;
        los = lo2;
        his = hi2;
        sorted = true;
    }
}
