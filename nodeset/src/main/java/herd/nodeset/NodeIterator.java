package herd.nodeset;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Iterates node names in ClusterShell order: patterns sorted, then indexes (n-D: vector by vector). */
final class NodeIterator implements Iterator<String> {
    private final Iterator<Map.Entry<Pattern, RangeSetNd>> patterns;
    private Iterator<String> current = java.util.Collections.emptyIterator();

    NodeIterator(Map<Pattern, RangeSetNd> patterns) {
        this.patterns = patterns.entrySet().iterator();
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && patterns.hasNext()) {
            Map.Entry<Pattern, RangeSetNd> e = patterns.next();
            current = namesOf(e.getKey(), e.getValue());
        }
        return current.hasNext();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    static Iterator<String> namesOf(Pattern p, RangeSetNd r) {
        if (r.dim() == 0) {
            return List.of(p.format(new String[0])).iterator();
        }
        if (r.dim() == 1) {
            Iterator<String> it = r.single().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public String next() {
                    return p.format1(it.next());
                }
            };
        }
        return new ProductIterator(p, r.vectors());
    }

    /** Cartesian product of each vector, first axis outermost. */
    private static final class ProductIterator implements Iterator<String> {
        private final Pattern pattern;
        private final Iterator<RangeSet[]> vectors;
        private List<List<String>> axes = new ArrayList<>();
        private int[] pos;
        private boolean done = true;

        ProductIterator(Pattern pattern, List<RangeSet[]> vectors) {
            this.pattern = pattern;
            this.vectors = vectors.iterator();
            advanceVector();
        }

        private void advanceVector() {
            done = true;
            while (done && vectors.hasNext()) {
                RangeSet[] v = vectors.next();
                axes = new ArrayList<>(v.length);
                for (RangeSet r : v) {
                    List<String> l = new ArrayList<>(r.size());
                    r.forEach(l::add);
                    axes.add(l);
                }
                pos = new int[v.length];
                done = axes.stream().anyMatch(List::isEmpty);
            }
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public String next() {
            if (done) {
                throw new NoSuchElementException();
            }
            String[] idx = new String[pos.length];
            for (int i = 0; i < pos.length; i++) {
                idx[i] = axes.get(i).get(pos[i]);
            }
            int k = pos.length - 1;
            while (k >= 0 && ++pos[k] == axes.get(k).size()) {
                pos[k] = 0;
                k--;
            }
            if (k < 0) {
                advanceVector();
            }
            return pattern.format(idx);
        }
    }
}
