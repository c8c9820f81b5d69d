package herd.nodeset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the indexes of many names of one pattern into a {@link RangeSetNd}. */
final class NameCollector {
    private final int dim;
    private final RangeSetBuilder oneD = new RangeSetBuilder();
    private final Map<String, Object[]> byPrefix = new LinkedHashMap<>();

    NameCollector(int dim) {
        this.dim = dim;
    }

    void add(String[] indexes) {
        if (dim == 1) {
            oneD.addIndex(indexes[0]);
        } else if (dim > 1) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < dim - 1; i++) {
                sb.append(indexes[i]).append(',');
            }
            Object[] slot = byPrefix.computeIfAbsent(sb.toString(), k -> new Object[] {indexes, new RangeSetBuilder()});
            ((RangeSetBuilder) slot[1]).addIndex(indexes[dim - 1]);
        }
    }

    void addDigits(String name, int from, int to) {
        oneD.addDigits(name, from, to);
    }

    RangeSetNd build() {
        if (dim == 0) {
            return RangeSetNd.NO_INDEX;
        }
        if (dim == 1) {
            return RangeSetNd.of(new RangeSet[] {oneD.build()});
        }
        List<RangeSet[]> boxes = new ArrayList<>(byPrefix.size());
        for (Object[] slot : byPrefix.values()) {
            String[] first = (String[]) slot[0];
            RangeSet[] box = new RangeSet[dim];
            for (int i = 0; i < dim - 1; i++) {
                box[i] = RangeSet.ofIndex(first[i]);
            }
            box[dim - 1] = ((RangeSetBuilder) slot[1]).build();
            boxes.add(box);
        }
        return RangeSetNd.ofBoxes(dim, boxes);
    }
}
