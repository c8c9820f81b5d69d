package herd.nodeset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a {@link NodeSet} the way ClusterShell 1.9.1 {@code str(NodeSet)} does. */
final class NodeSetFormatter {
    private NodeSetFormatter() {
    }

    static String fold(NodeSet ns, int autostep, int[] foldAxis) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Pattern, RangeSetNd> e : ns.patterns().entrySet()) {
            Pattern p = e.getKey();
            RangeSetNd r = e.getValue();
            if (r.dim() == 0) {
                append(sb, p.format(new String[0]));
            } else if (r.dim() == 1) {
                oneD(sb, p, r.single(), autostep, foldAxis);
            } else {
                for (String s : nD(p, r, autostep, foldAxis)) {
                    append(sb, s);
                }
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(s);
    }

    private static void oneD(StringBuilder sb, Pattern p, RangeSet r, int autostep, int[] foldAxis) {
        boolean fold = foldAxis == null;
        if (!fold) {
            for (int x : foldAxis) {
                fold |= x >= -1 && x < 1;
            }
        }
        if (fold) {
            String rgs = r.fold(autostep);
            append(sb, p.format1(r.count() > 1 ? "[" + rgs + "]" : rgs));
        } else {
            for (String idx : r) {
                append(sb, p.format1(idx));
            }
        }
    }

    private static boolean folds(int axis, int dim, int[] foldAxis) {
        if (foldAxis == null) {
            return true;
        }
        for (int x : foldAxis) {
            if (x >= -dim && x < dim && Math.floorMod(x, dim) == axis) {
                return true;
            }
        }
        return false;
    }

    /** One string per vector, except that axes not folded are expanded (later axes vary slowest). */
    private static List<String> nD(Pattern p, RangeSetNd r, int autostep, int[] foldAxis) {
        List<String> out = new ArrayList<>();
        int dim = r.dim();
        for (RangeSet[] vec : r.vectors()) {
            List<String[]> combos = new ArrayList<>();
            combos.add(new String[0]);
            for (int axis = 0; axis < dim; axis++) {
                List<String> strs = new ArrayList<>();
                RangeSet rg = vec[axis];
                if (rg.count() > 1) {
                    if (folds(axis, dim, foldAxis)) {
                        strs.add("[" + rg.fold(autostep) + "]");
                    } else {
                        rg.forEach(strs::add);
                    }
                } else {
                    strs.add(rg.fold(autostep));
                }
                List<String[]> next = new ArrayList<>(combos.size() * strs.size());
                for (String s : strs) {
                    for (String[] c : combos) {
                        String[] d = java.util.Arrays.copyOf(c, axis + 1);
                        d[axis] = s;
                        next.add(d);
                    }
                }
                combos = next;
            }
            for (String[] c : combos) {
                out.add(p.format(c));
            }
        }
        return out;
    }
}
