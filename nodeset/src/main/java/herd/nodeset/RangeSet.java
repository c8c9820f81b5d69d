package herd.nodeset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/**
 * An immutable set of node indexes with zero padding, held as sorted runs of consecutive indexes
 * (so {@code 0-999999} costs six runs, not a million strings). {@code toString()} is
 * ClusterShell's fold.
 *
 * <pre>{@code
 * RangeSet r = RangeSet.parse("01-05,7,9-10");
 * r.size();                      // 8
 * r.union(RangeSet.parse("06")); // 01-06,7,9-10
 * }</pre>
 *
 * An index is (len, value): {@code 1} and {@code 01} are different indexes.
 */
public final class RangeSet implements Iterable<String> {
    /** Autostep threshold meaning "never use a/step notation". */
    public static final int AUTOSTEP_OFF = Integer.MAX_VALUE;

    private static final RangeSet EMPTY = new RangeSet(new int[0], new long[0], new long[0]);

    final int[] lens;
    final long[] los;
    final long[] his;
    private final long[] cumul;
    /** Indexes of 19 digits or more, all after the runs in order. */
    final BigIndexes big;

    RangeSet(int[] lens, long[] los, long[] his) {
        this(lens, los, his, BigIndexes.EMPTY);
    }

    RangeSet(int[] lens, long[] los, long[] his, BigIndexes big) {
        this.big = big;
        this.lens = lens;
        this.los = los;
        this.his = his;
        this.cumul = new long[lens.length + 1];
        for (int i = 0; i < lens.length; i++) {
            cumul[i + 1] = cumul[i] + (his[i] - los[i] + 1);
        }
    }

    /** The empty range set. */
    public static RangeSet empty() {
        return EMPTY;
    }

    /**
     * Parses a comma-separated list of {@code a}, {@code a-b} and {@code a-b/step} ranges.
     *
     * @throws NodeSetParseException on malformed, reversed or badly padded ranges
     */
    public static RangeSet parse(String text) {
        return RangeParser.parse(text);
    }

    /** One index written as in a node name, e.g. {@code "007"}. */
    public static RangeSet ofIndex(String index) {
        RangeSetBuilder b = new RangeSetBuilder();
        b.addIndex(index);
        return b.build();
    }

    /** Number of indexes. */
    public long count() {
        return cumul[lens.length] + big.size();
    }

    RangeSet withBig(BigIndexes b) {
        if (b.isEmpty() && big.isEmpty()) {
            return this;
        }
        return lens.length == 0 && b.isEmpty() ? EMPTY : new RangeSet(lens, los, his, b);
    }

    /** Number of indexes, saturated to {@code Integer.MAX_VALUE}. */
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, count());
    }

    public boolean isEmpty() {
        return lens.length == 0 && big.isEmpty();
    }

    int runCount() {
        return lens.length;
    }

    /** True when {@code index} (as written, e.g. "01") is in the set. */
    public boolean contains(String index) {
        if (index.length() >= BigIndexes.MIN_WIDTH && index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return big.contains(index);
        }
        if (index.isEmpty() || index.length() > 19) {
            return false;
        }
        long v;
        try {
            v = Long.parseLong(index);
        } catch (NumberFormatException e) {
            return false;
        }
        if (!Index.format(index.length(), v).equals(index) && !(v < 0 && Long.toString(v).equals(index))) {
            return false;
        }
        int len = v < 0 ? -index.length() : index.length();
        return indexOf(len, v) >= 0;
    }

    private int indexOf(int len, long v) {
        int lo = 0;
        int hi = lens.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Index.compare(lens[mid], his[mid], len, v) < 0) {
                lo = mid + 1;
            } else if (Index.compare(lens[mid], los[mid], len, v) > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The index at position {@code pos} in ClusterShell order. */
    public String get(long pos) {
        if (pos < 0 || pos >= count()) {
            throw new IndexOutOfBoundsException(pos + " out of " + count());
        }
        if (pos >= cumul[lens.length]) {
            return big.get((int) (pos - cumul[lens.length]));
        }
        int run = Arrays.binarySearch(cumul, pos);
        run = run >= 0 ? run : -run - 2;
        while (cumul[run + 1] <= pos) {
            run++;
        }
        return Index.format(lens[run], los[run] + (pos - cumul[run]));
    }

    /** First index in order. */
    public String first() {
        return get(0);
    }

    /** Last index in order. */
    public String last() {
        return get(count() - 1);
    }

    /** Indexes at positions [from, to) as a new set. */
    public RangeSet slice(long from, long to) {
        RangeSetBuilder b = new RangeSetBuilder();
        long f = Math.max(0, from);
        long t = Math.min(count(), to);
        long small = cumul[lens.length];
        if (t > small) {
            b.addAll(new RangeSet(new int[0], new long[0], new long[0],
                    big.slice((int) (Math.max(f, small) - small), (int) (t - small))));
        }
        for (int r = 0; r < lens.length && f < t; r++) {
            long rs = cumul[r];
            long re = cumul[r + 1];
            if (re <= f || rs >= t) {
                continue;
            }
            long a = Math.max(f, rs) - rs;
            long z = Math.min(t, re) - rs - 1;
            b.addRun(lens[r], los[r] + a, los[r] + z);
        }
        return b.build();
    }

    public RangeSet union(RangeSet o) {
        return RunAlgebra.apply(this, o, RunAlgebra.Op.UNION).withBig(big.apply(o.big, RunAlgebra.Op.UNION));
    }

    public RangeSet intersection(RangeSet o) {
        return RunAlgebra.apply(this, o, RunAlgebra.Op.INTERSECTION).withBig(big.apply(o.big, RunAlgebra.Op.INTERSECTION));
    }

    public RangeSet difference(RangeSet o) {
        return RunAlgebra.apply(this, o, RunAlgebra.Op.DIFFERENCE).withBig(big.apply(o.big, RunAlgebra.Op.DIFFERENCE));
    }

    public RangeSet symmetricDifference(RangeSet o) {
        return RunAlgebra.apply(this, o, RunAlgebra.Op.XOR).withBig(big.apply(o.big, RunAlgebra.Op.XOR));
    }

    /** True when every index of {@code o} is in this set. */
    public boolean containsAll(RangeSet o) {
        return o.difference(this).isEmpty();
    }

    /** ClusterShell fold without autostep, e.g. {@code 1-3,05,7}. */
    @Override
    public String toString() {
        return fold(AUTOSTEP_OFF);
    }

    /** ClusterShell fold; ranges of at least {@code autostep} indexes use {@code a-b/step}. */
    public String fold(int autostep) {
        return big.isEmpty() ? RangeFolder.fold(this, autostep) : BigFolder.fold(this, autostep);
    }

    /** Contiguous subsets, as {@code nodeset --contiguous} prints them. */
    public List<RangeSet> contiguous(int autostep) {
        return big.isEmpty() ? RangeFolder.contiguous(this, autostep) : BigFolder.contiguous(this, autostep);
    }

    /** At most {@code n} subsets of nearly equal size, in order. */
    public List<RangeSet> split(int n) {
        return split(count(), n, this::slice);
    }

    /** ClusterShell's --split over {@code total} positions: the first {@code total % n} parts get one more. */
    static <T> List<T> split(long total, int n, BiFunction<Long, Long, T> slice) {
        List<T> out = new ArrayList<>();
        long size = total / n;
        long left = total % n;
        long begin = 0;
        for (int i = 0; i < Math.min(n, total); i++) {
            long length = size + (i < left ? 1 : 0);
            out.add(slice.apply(begin, begin + length));
            begin += length;
        }
        return out;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int run;
            private long next = lens.length > 0 ? los[0] : 0;
            private int bigPos;

            @Override
            public boolean hasNext() {
                return run < lens.length || bigPos < big.size();
            }

            @Override
            public String next() {
                if (run >= lens.length) {
                    if (bigPos >= big.size()) {
                        throw new NoSuchElementException();
                    }
                    return big.get(bigPos++);
                }
                String s = Index.format(lens[run], next);
                if (next == his[run]) {
                    run++;
                    next = run < lens.length ? los[run] : 0;
                } else {
                    next++;
                }
                return s;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeSet r && Arrays.equals(lens, r.lens) && Arrays.equals(los, r.los)
                && Arrays.equals(his, r.his) && big.equals(r.big);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(lens) + Arrays.hashCode(los)) + Arrays.hashCode(his)) + big.hashCode();
    }
}
