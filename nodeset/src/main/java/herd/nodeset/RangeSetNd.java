package herd.nodeset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Indexes of one node pattern: nothing (a name without digits, dim 0), one {@link RangeSet}
 * (dim 1) or, for names with several numbers, a union of disjoint boxes (products of
 * RangeSets). Immutable; the ClusterShell display form of n-D sets is computed on demand.
 */
final class RangeSetNd {
    static final RangeSetNd NO_INDEX = new RangeSetNd(0, java.util.Collections.singletonList(new RangeSet[0]));

    private final int dim;
    /** Disjoint, non-empty boxes; for dim 1 exactly one box. */
    private final List<RangeSet[]> boxes;
    private volatile List<RangeSet[]> folded;

    private RangeSetNd(int dim, List<RangeSet[]> boxes) {
        this.dim = dim;
        this.boxes = boxes;
    }

    static RangeSetNd of(RangeSet[] box) {
        for (RangeSet r : box) {
            if (r.isEmpty()) {
                return new RangeSetNd(box.length, List.of());
            }
        }
        return new RangeSetNd(box.length, java.util.Collections.singletonList(box.clone()));
    }

    static RangeSetNd ofBoxes(int dim, List<RangeSet[]> boxes) {
        return new RangeSetNd(dim, BoxCompactor.compact(boxes));
    }

    int dim() {
        return dim;
    }

    boolean isEmpty() {
        return boxes.isEmpty();
    }

    long count() {
        long total = 0;
        for (RangeSet[] box : boxes) {
            total += volume(box);
        }
        return total;
    }

    static long volume(RangeSet[] box) {
        long v = 1;
        for (RangeSet r : box) {
            v *= r.count();
        }
        return v;
    }

    RangeSet single() {
        return boxes.isEmpty() ? RangeSet.empty() : boxes.get(0)[0];
    }

    boolean contains(String[] idx) {
        for (RangeSet[] box : boxes) {
            boolean in = true;
            for (int i = 0; i < dim && in; i++) {
                in = box[i].contains(idx[i]);
            }
            if (in) {
                return true;
            }
        }
        return false;
    }

    RangeSetNd union(RangeSetNd o) {
        if (dim == 1) {
            return of(new RangeSet[] {single().union(o.single())});
        }
        List<RangeSet[]> out = new ArrayList<>(boxes);
        out.addAll(o.difference(this).boxes);
        return ofBoxes(dim, out);
    }

    RangeSetNd intersection(RangeSetNd o) {
        if (dim == 1) {
            return of(new RangeSet[] {single().intersection(o.single())});
        }
        List<RangeSet[]> out = new ArrayList<>();
        for (RangeSet[] a : boxes) {
            for (RangeSet[] b : o.boxes) {
                RangeSet[] c = new RangeSet[dim];
                boolean empty = false;
                for (int i = 0; i < dim && !empty; i++) {
                    c[i] = a[i].intersection(b[i]);
                    empty = c[i].isEmpty();
                }
                if (!empty) {
                    out.add(c);
                }
            }
        }
        return ofBoxes(dim, out);
    }

    RangeSetNd difference(RangeSetNd o) {
        if (dim == 1) {
            return of(new RangeSet[] {single().difference(o.single())});
        }
        List<RangeSet[]> current = new ArrayList<>(boxes);
        for (RangeSet[] cut : o.boxes) {
            List<RangeSet[]> next = new ArrayList<>();
            for (RangeSet[] box : current) {
                subtract(box, cut, next);
            }
            current = next;
        }
        return ofBoxes(dim, current);
    }

    RangeSetNd symmetricDifference(RangeSetNd o) {
        if (dim == 1) {
            return of(new RangeSet[] {single().symmetricDifference(o.single())});
        }
        List<RangeSet[]> out = new ArrayList<>(difference(o).boxes);
        out.addAll(o.difference(this).boxes);
        return ofBoxes(dim, out);
    }

    /** Appends box minus cut as disjoint boxes. */
    private void subtract(RangeSet[] box, RangeSet[] cut, List<RangeSet[]> out) {
        RangeSet[] inter = new RangeSet[dim];
        for (int i = 0; i < dim; i++) {
            inter[i] = box[i].intersection(cut[i]);
            if (inter[i].isEmpty()) {
                out.add(box);
                return;
            }
        }
        for (int i = 0; i < dim; i++) {
            RangeSet rest = box[i].difference(cut[i]);
            if (!rest.isEmpty()) {
                RangeSet[] piece = new RangeSet[dim];
                System.arraycopy(inter, 0, piece, 0, i);
                piece[i] = rest;
                System.arraycopy(box, i + 1, piece, i + 1, dim - i - 1);
                out.add(piece);
            }
        }
    }

    /** Vectors as ClusterShell displays and iterates them. */
    List<RangeSet[]> vectors() {
        if (folded == null) {
            folded = boxes.size() <= 1 ? boxes : NdFolder.fold(dim, boxes);
        }
        return folded;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RangeSetNd r) || r.dim != dim) {
            return false;
        }
        if (dim == 1) {
            return single().equals(r.single());
        }
        return count() == r.count() && difference(r).isEmpty();
    }

    @Override
    public int hashCode() {
        if (dim == 1) {
            return single().hashCode();
        }
        return Long.hashCode(count()) * 31 + dim;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (RangeSet[] v : vectors()) {
            sb.append(Arrays.toString(v));
        }
        return sb.toString();
    }
}
