package herd.nodeset;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The indexes of a {@link RangeSet} written with 19 digits or more (ClusterShell takes Python
 * ints, so {@code n100000000000000000000} is a node). They are kept apart from the long-based
 * runs so ordinary sets pay nothing; being wider than every long-based index they all sort after
 * them, so a set is its runs followed by these. Held one by one in (len, value) order: such
 * indexes are rare and few.
 */
final class BigIndexes {
    /** Printed width from which an index lives here rather than in the long runs. */
    static final int MIN_WIDTH = 19;

    static final BigIndexes EMPTY = new BigIndexes(new int[0], new BigInteger[0]);

    final int[] lens;
    final BigInteger[] values;

    BigIndexes(int[] lens, BigInteger[] values) {
        this.lens = lens;
        this.values = values;
    }

    int size() {
        return lens.length;
    }

    boolean isEmpty() {
        return lens.length == 0;
    }

    String get(int i) {
        return format(lens[i], values[i]);
    }

    static String format(int len, BigInteger v) {
        String s = v.toString();
        return s.length() >= len ? s : "0".repeat(len - s.length()) + s;
    }

    static int compare(int lenA, BigInteger a, int lenB, BigInteger b) {
        int c = Integer.compare(lenA, lenB);
        return c != 0 ? c : a.compareTo(b);
    }

    boolean contains(String index) {
        int lo = 0;
        int hi = lens.length - 1;
        BigInteger v = new BigInteger(index);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(lens[mid], values[mid], index.length(), v);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    BigIndexes slice(int from, int to) {
        return new BigIndexes(Arrays.copyOfRange(lens, from, to), Arrays.copyOfRange(values, from, to));
    }

    BigIndexes apply(BigIndexes o, RunAlgebra.Op op) {
        if (isEmpty() && o.isEmpty()) {
            return EMPTY;
        }
        Collector out = new Collector();
        int i = 0;
        int j = 0;
        while (i < size() || j < o.size()) {
            int c = i == size() ? 1 : j == o.size() ? -1 : compare(lens[i], values[i], o.lens[j], o.values[j]);
            boolean inA = c <= 0;
            boolean inB = c >= 0;
            if (op.keep(inA, inB)) {
                out.add(inA ? lens[i] : o.lens[j], inA ? values[i] : o.values[j]);
            }
            i += inA ? 1 : 0;
            j += inB ? 1 : 0;
        }
        return out.build();
    }

    /** Unordered adds, sorted and deduplicated by {@link #build()}. */
    static final class Collector {
        private record Entry(int len, BigInteger value) {
        }

        private final List<Entry> items = new ArrayList<>();

        void add(int len, BigInteger v) {
            items.add(new Entry(len, v));
        }

        BigIndexes build() {
            if (items.isEmpty()) {
                return EMPTY;
            }
            items.sort((a, b) -> compare(a.len(), a.value(), b.len(), b.value()));
            int[] l = new int[items.size()];
            BigInteger[] v = new BigInteger[items.size()];
            int n = 0;
            for (Entry e : items) {
                if (n > 0 && l[n - 1] == e.len() && v[n - 1].equals(e.value())) {
                    continue;
                }
                l[n] = e.len();
                v[n] = e.value();
                n++;
            }
            return new BigIndexes(Arrays.copyOf(l, n), Arrays.copyOf(v, n));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BigIndexes b && Arrays.equals(lens, b.lens) && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lens) + Arrays.hashCode(values);
    }
}
