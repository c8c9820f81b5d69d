package herd.nodeset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Position-based views of a {@link NodeSet}: slices, selections and contiguous pieces. */
final class NodeSetSlicer {
    private NodeSetSlicer() {
    }

    static NodeSet slice(NodeSet ns, long from, long to) {
        RangeSetBuilder b = new RangeSetBuilder();
        if (to > from) {
            b.addRange(Math.max(0, from), to - 1, 0);
        }
        return select(ns, b.build());
    }

    /** Nodes whose position in iteration order is in {@code positions}. */
    static NodeSet select(NodeSet ns, RangeSet positions) {
        TreeMap<Pattern, RangeSetNd> out = new TreeMap<>();
        long offset = 0;
        for (Map.Entry<Pattern, RangeSetNd> e : ns.patterns().entrySet()) {
            RangeSetNd r = e.getValue();
            long cnt = r.count();
            RangeSet local = localPositions(positions, offset, cnt);
            offset += cnt;
            if (local.isEmpty()) {
                continue;
            }
            out.put(e.getKey(), pick(r, local));
        }
        return new NodeSet(out);
    }

    private static RangeSet localPositions(RangeSet positions, long offset, long cnt) {
        RangeSetBuilder b = new RangeSetBuilder();
        for (int i = 0; i < positions.runCount(); i++) {
            long lo = Math.max(positions.los[i], offset);
            long hi = Math.min(positions.his[i], offset + cnt - 1);
            if (positions.los[i] >= 0 && lo <= hi) {
                b.addRange(lo - offset, hi - offset, 0);
            }
        }
        return b.build();
    }

    private static RangeSetNd pick(RangeSetNd r, RangeSet local) {
        if (r.dim() == 0) {
            return r;
        }
        if (r.dim() == 1) {
            RangeSet src = r.single();
            RangeSetBuilder b = new RangeSetBuilder();
            for (int i = 0; i < local.runCount(); i++) {
                b.addAll(src.slice(local.los[i], local.his[i] + 1));
            }
            return RangeSetNd.of(new RangeSet[] {b.build()});
        }
        List<RangeSet[]> points = new ArrayList<>();
        long pos = 0;
        for (RangeSet[] vec : r.vectors()) {
            pos = collect(vec, 0, new RangeSet[vec.length], pos, local, points);
        }
        return RangeSetNd.ofBoxes(r.dim(), points);
    }

    private static long collect(RangeSet[] vec, int axis, RangeSet[] cur, long pos, RangeSet local,
            List<RangeSet[]> out) {
        if (axis == vec.length) {
            if (local.contains(Long.toString(pos))) {
                out.add(cur.clone());
            }
            return pos + 1;
        }
        for (String idx : vec[axis]) {
            cur[axis] = RangeSet.ofIndex(idx);
            pos = collect(vec, axis + 1, cur, pos, local, out);
        }
        return pos;
    }

    static List<NodeSet> contiguous(NodeSet ns, int autostep) {
        List<NodeSet> out = new ArrayList<>();
        for (Map.Entry<Pattern, RangeSetNd> e : ns.patterns().entrySet()) {
            RangeSetNd r = e.getValue();
            List<RangeSetNd> parts = new ArrayList<>();
            if (r.dim() == 0) {
                parts.add(r);
            } else {
                List<RangeSet[]> vecs = new ArrayList<>(r.vectors());
                for (int axis = 0; axis < r.dim(); axis++) {
                    List<RangeSet[]> next = new ArrayList<>();
                    for (RangeSet[] v : vecs) {
                        for (RangeSet c : v[axis].contiguous(autostep)) {
                            RangeSet[] w = v.clone();
                            w[axis] = c;
                            next.add(w);
                        }
                    }
                    vecs = next;
                }
                vecs.forEach(v -> parts.add(RangeSetNd.of(v)));
            }
            for (RangeSetNd part : parts) {
                TreeMap<Pattern, RangeSetNd> m = new TreeMap<>();
                m.put(e.getKey(), part);
                out.add(new NodeSet(m));
            }
        }
        return out;
    }
}
