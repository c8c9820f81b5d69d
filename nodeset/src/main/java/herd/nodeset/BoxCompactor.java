package herd.nodeset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps n-D box lists short: disjoint boxes equal on every axis but one are merged along that
 * axis. Linear in the number of boxes (hashing), so set algebra has no quadratic cliff.
 */
final class BoxCompactor {
    private BoxCompactor() {
    }

    static List<RangeSet[]> compact(List<RangeSet[]> boxes) {
        if (boxes.size() <= 1) {
            return List.copyOf(boxes);
        }
        int dim = boxes.get(0).length;
        List<RangeSet[]> current = boxes;
        for (int axis = dim - 1; axis >= 0; axis--) {
            current = mergeAlong(current, axis);
        }
        return List.copyOf(current);
    }

    private static List<RangeSet[]> mergeAlong(List<RangeSet[]> boxes, int axis) {
        Map<Key, RangeSetBuilder> groups = new LinkedHashMap<>();
        Map<Key, RangeSet[]> firsts = new LinkedHashMap<>();
        for (RangeSet[] box : boxes) {
            Key k = new Key(box, axis);
            RangeSetBuilder b = groups.get(k);
            if (b == null) {
                groups.put(k, new RangeSetBuilder().addAll(box[axis]));
                firsts.put(k, box);
            } else {
                b.addAll(box[axis]);
            }
        }
        if (groups.size() == boxes.size()) {
            return boxes;
        }
        List<RangeSet[]> out = new ArrayList<>(groups.size());
        for (Map.Entry<Key, RangeSetBuilder> e : groups.entrySet()) {
            RangeSet[] box = firsts.get(e.getKey()).clone();
            box[axis] = e.getValue().build();
            out.add(box);
        }
        return out;
    }

    /** A box with one axis blanked out, for grouping. */
    private static final class Key {
        private final RangeSet[] box;
        private final int axis;
        private final int hash;

        Key(RangeSet[] box, int axis) {
            this.box = box;
            this.axis = axis;
            int h = 0;
            for (int i = 0; i < box.length; i++) {
                h = 31 * h + (i == axis ? 0 : box[i].hashCode());
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k)) {
                return false;
            }
            for (int i = 0; i < box.length; i++) {
                if (i != axis && !box[i].equals(k.box[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(box) + "/" + axis;
        }
    }
}
