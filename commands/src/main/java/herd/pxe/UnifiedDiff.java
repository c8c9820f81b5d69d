package herd.pxe;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal unified diff (LCS, whole-file hunk contexts of 3 lines) for {@code --dry-run} previews
 * of small generated files: {@code UnifiedDiff.of("a", "old\n", "new\n")}.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of {@code before} (null = absent) to {@code after}; "" when equal. */
    public static String of(String name, String before, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.equals(b)) {
            return "";
        }
        List<String> ops = edits(a, b);
        StringBuilder out = new StringBuilder()
                .append("--- ").append(before == null ? "/dev/null" : name).append('\n')
                .append("+++ ").append(name).append(" (proposed)\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).charAt(0) == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int quiet = 0;
            while (end < ops.size() && quiet <= 2 * CONTEXT) {
                quiet = ops.get(end).charAt(0) == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
            hunk(out, ops, start, end);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<String> ops, int start, int end) {
        int aLine = 1;
        int bLine = 1;
        for (int k = 0; k < start; k++) {
            char c = ops.get(k).charAt(0);
            aLine += c != '+' ? 1 : 0;
            bLine += c != '-' ? 1 : 0;
        }
        int aCount = 0;
        int bCount = 0;
        for (int k = start; k < end; k++) {
            char c = ops.get(k).charAt(0);
            aCount += c != '+' ? 1 : 0;
            bCount += c != '-' ? 1 : 0;
        }
        out.append("@@ -").append(aCount == 0 ? aLine - 1 : aLine).append(',').append(aCount)
                .append(" +").append(bCount == 0 ? bLine - 1 : bLine).append(',').append(bCount).append(" @@\n");
        ops.subList(start, end).forEach(l -> out.append(l).append('\n'));
    }

    private static List<String> edits(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(" " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add("+" + b.get(j++));
            } else {
                ops.add("-" + a.get(i++));
            }
        }
        return ops;
    }
}
