package herd.exec;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two line lists (3 lines of context), in the format of Python's difflib. */
final class LineDiff {

    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    static List<String> unified(List<String> a, List<String> b, String fromName, String toName) {
        List<int[]> ops = script(a, b);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0] == 0) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size() && (ops.get(end)[0] != 0 || end - lastChange <= 2 * CONTEXT)) {
                if (ops.get(end)[0] != 0) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            if (out.isEmpty()) {
                out.add("--- " + fromName);
                out.add("+++ " + toName);
            }
            hunk(ops.subList(start, end), a, b, out);
            i = end;
        }
        return out;
    }

    private static void hunk(List<int[]> ops, List<String> a, List<String> b, List<String> out) {
        int aStart = -1;
        int bStart = -1;
        int aLen = 0;
        int bLen = 0;
        List<String> body = new ArrayList<>();
        for (int[] op : ops) {
            if (op[0] != 1 && aStart < 0) {
                aStart = op[1];
            }
            if (op[0] != -1 && bStart < 0) {
                bStart = op[2];
            }
            switch (op[0]) {
                case 0 -> {
                    body.add(" " + a.get(op[1]));
                    aLen++;
                    bLen++;
                }
                case -1 -> {
                    body.add("-" + a.get(op[1]));
                    aLen++;
                }
                default -> {
                    body.add("+" + b.get(op[2]));
                    bLen++;
                }
            }
        }
        out.add("@@ -" + range(aStart, aLen, ops.get(0)[1]) + " +" + range(bStart, bLen, ops.get(0)[2]) + " @@");
        out.addAll(body);
    }

    private static String range(int start, int len, int fallback) {
        int first = start < 0 ? fallback : start + 1;
        if (len == 1) {
            return Integer.toString(first);
        }
        return (len == 0 ? first - 1 : first) + "," + len;
    }

    /** Edit script from a longest common subsequence: {op, indexInA, indexInB}; op 0 keep, -1 delete, 1 insert. */
    private static List<int[]> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {0, i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {-1, i++, j});
            } else {
                ops.add(new int[] {1, i, j++});
            }
        }
        return ops;
    }
}
