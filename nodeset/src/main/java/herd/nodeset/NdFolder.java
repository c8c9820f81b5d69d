package herd.nodeset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * ClusterShell's n-D display form. A set that is a single box prints as that box; otherwise
 * 1.9.1 expands the set to single points and greedily merges vectors that differ on one axis,
 * in its own sort order. This class reproduces that merge so output matches byte for byte.
 */
final class NdFolder {
    private static final Comparator<RangeSet[]> ORDER = Comparator
            .comparingLong((RangeSet[] v) -> -RangeSetNd.volume(v))
            .thenComparing(NdFolder::compareAxes);

    /**
     * Above this many nodes the point-by-point merge (quadratic in the worst case, minutes in
     * 1.9.1) is not attempted: the compacted disjoint boxes are printed instead, in the same
     * order. Same nodes, possibly a different (still valid) folding than ClusterShell's.
     */
    static final long MAX_POINTS = 100_000;

    private NdFolder() {
    }

    static List<RangeSet[]> fold(int dim, List<RangeSet[]> boxes) {
        RangeSet[] hull = new RangeSet[dim];
        long count = 0;
        for (int i = 0; i < dim; i++) {
            RangeSetBuilder b = new RangeSetBuilder();
            for (RangeSet[] box : boxes) {
                b.addAll(box[i]);
            }
            hull[i] = b.build();
        }
        for (RangeSet[] box : boxes) {
            count += RangeSetNd.volume(box);
        }
        if (count == RangeSetNd.volume(hull)) {
            return java.util.Collections.singletonList(hull);
        }
        if (count > MAX_POINTS) {
            List<RangeSet[]> sorted = new ArrayList<>(boxes);
            sorted.sort(ORDER);
            return sorted;
        }
        return merge(points(dim, boxes));
    }

    private static List<RangeSet[]> points(int dim, List<RangeSet[]> boxes) {
        List<RangeSet[]> out = new ArrayList<>();
        for (RangeSet[] box : boxes) {
            addPoints(box, 0, new RangeSet[dim], out);
        }
        return out;
    }

    private static void addPoints(RangeSet[] box, int axis, RangeSet[] cur, List<RangeSet[]> out) {
        if (axis == box.length) {
            out.add(cur.clone());
            return;
        }
        for (String idx : box[axis]) {
            cur[axis] = RangeSet.ofIndex(idx);
            addPoints(box, axis + 1, cur, out);
        }
    }

    private static int compareAxes(RangeSet[] a, RangeSet[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(b[i].count(), a[i].count());
            if (c == 0) {
                c = a[i].first().compareTo(b[i].first());
            }
            if (c == 0) {
                c = a[i].last().compareTo(b[i].last());
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The greedy pass loop of ClusterShell 1.9.1: cheap neighbour passes, then full passes. */
    static List<RangeSet[]> merge(List<RangeSet[]> list) {
        boolean full = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            list.sort(ORDER);
            int index1 = 0;
            while (index1 + 1 < list.size()) {
                RangeSet[] item1 = list.get(index1);
                int index2 = index1 + 1;
                index1++;
                while (index2 < list.size()) {
                    RangeSet[] merged = tryMerge(item1, list.get(index2));
                    index2++;
                    if (merged != null) {
                        changed = true;
                        item1 = merged;
                        list.set(index1 - 1, merged);
                        index2--;
                        list.remove(index2);
                    } else if (!full) {
                        break;
                    }
                }
            }
            if (!changed && !full) {
                changed = true;
                full = true;
            }
        }
        return list;
    }

    private static RangeSet[] tryMerge(RangeSet[] a, RangeSet[] b) {
        RangeSet[] out = new RangeSet[a.length];
        int diffs = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(b[i])) {
                out[i] = a[i];
                continue;
            }
            RangeSet inter = a[i].intersection(b[i]);
            if (inter.isEmpty()) {
                out[i] = a[i].union(b[i]);
            } else if (inter.equals(b[i])) {
                out[i] = a[i];
            } else if (inter.equals(a[i])) {
                out[i] = b[i];
            } else {
                return null;
            }
            if (++diffs > 1) {
                return null;
            }
        }
        return out;
    }
}
