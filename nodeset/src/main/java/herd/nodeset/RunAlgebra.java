package herd.nodeset;

/** Set algebra on the sorted runs of two {@link RangeSet}s by a single boundary sweep. */
final class RunAlgebra {
    enum Op {
        UNION, INTERSECTION, DIFFERENCE, XOR;

        boolean keep(boolean a, boolean b) {
            return switch (this) {
                case UNION -> a || b;
                case INTERSECTION -> a && b;
                case DIFFERENCE -> a && !b;
                case XOR -> a ^ b;
            };
        }
    }

    private RunAlgebra() {
    }

    static RangeSet apply(RangeSet a, RangeSet b, Op op) {
        if (b.runCount() == 0) {
            return op == Op.INTERSECTION ? RangeSet.empty() : a.withBig(BigIndexes.EMPTY);
        }
        if (a.runCount() == 0) {
            return op == Op.UNION || op == Op.XOR ? b.withBig(BigIndexes.EMPTY) : RangeSet.empty();
        }
        int cap = 2 * (a.runCount() + b.runCount()) + 1;
        int[] lens = new int[cap];
        long[] los = new long[cap];
        long[] his = new long[cap];
        int n = 0;
        // Boundaries: 2*i = start of run i, 2*i+1 = one past its end.
        int ia = 0;
        int ib = 0;
        int na = 2 * a.runCount();
        int nb = 2 * b.runCount();
        boolean inA = false;
        boolean inB = false;
        boolean active = false;
        int startLen = 0;
        long startV = 0;
        while (ia < na || ib < nb) {
            int lenA = ia < na ? a.lens[ia >> 1] : Integer.MAX_VALUE;
            long vA = ia < na ? boundary(a, ia) : Long.MAX_VALUE;
            int lenB = ib < nb ? b.lens[ib >> 1] : Integer.MAX_VALUE;
            long vB = ib < nb ? boundary(b, ib) : Long.MAX_VALUE;
            int c = Index.compare(lenA, vA, lenB, vB);
            int len = c <= 0 ? lenA : lenB;
            long v = c <= 0 ? vA : vB;
            if (c <= 0) {
                inA = (ia & 1) == 0;
                ia++;
            }
            if (c >= 0) {
                inB = (ib & 1) == 0;
                ib++;
            }
            boolean now = op.keep(inA, inB);
            if (now && !active) {
                startLen = len;
                startV = v;
            } else if (!now && active) {
                lens[n] = startLen;
                los[n] = startV;
                his[n] = v - 1;
                n++;
            }
            active = now;
        }
        return normalize(lens, los, his, n);
    }

    private static long boundary(RangeSet r, int i) {
        return (i & 1) == 0 ? r.los[i >> 1] : r.his[i >> 1] + 1;
    }

    /** Merges overlapping or adjacent runs of the same len; input sorted by (len, lo). */
    static RangeSet normalize(int[] lens, long[] los, long[] his, int n) {
        int m = 0;
        int[] l2 = new int[n];
        long[] lo2 = new long[n];
        long[] hi2 = new long[n];
        for (int i = 0; i < n; i++) {
            if (m > 0 && l2[m - 1] == lens[i] && hi2[m - 1] + 1 >= los[i]) {
                hi2[m - 1] = Math.max(hi2[m - 1], his[i]);
            } else {
                l2[m] = lens[i];
                lo2[m] = los[i];
                hi2[m] = his[i];
                m++;
            }
        }
        if (m == 0) {
            return RangeSet.empty();
        }
        if (m < n) {
            l2 = java.util.Arrays.copyOf(l2, m);
            lo2 = java.util.Arrays.copyOf(lo2, m);
            hi2 = java.util.Arrays.copyOf(hi2, m);
        }
        return new RangeSet(l2, lo2, hi2);
    }
}
