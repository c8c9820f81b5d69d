package herd.files;

import java.util.Arrays;

/**
 * A unified diff (as {@code diff -u}, 3 lines of context) between two versions of a text: the one
 * diff writer of herd, for service files and PXE trees alike.
 *
 * <pre>{@code
 * String d = UnifiedDiff.of("/etc/hosts", before, after);
 * // --- /etc/hosts
 * // +++ /etc/hosts (proposed)
 * // @@ -5,2 +5,3 @@ ...
 * }</pre>
 *
 * Edits of hand-kept files are local, so the common head and tail are cut first and only the
 * changed middle goes through the quadratic LCS; a huge middle is shown as one replacement.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    /** The diff of {@code before} (null: the file does not exist yet) to {@code after}; "" when equal. */
    public static String of(String label, String before, String after) {
        if (after.equals(before)) {
            return "";
        }
        String[] a = lines(before == null ? "" : before);
        String[] b = lines(after);
        StringBuilder ops = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : label).append('\n')
                .append("+++ ").append(label).append(" (proposed)\n");
        appendHunks(out, ops, a, b);
        return out.toString();
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String[] parts = text.split("\n", -1);
        if (parts[parts.length - 1].isEmpty()) {
            return Arrays.copyOf(parts, parts.length - 1);
        }
        parts[parts.length - 1] += "\n\\ No newline at end of file";
        return parts;
    }

    /** Edit script: one op per output row, '=' keep, '-' delete, '+' insert. */
    private static StringBuilder script(String[] a, String[] b) {
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < head; i++) {
            ops.append('=');
        }
        middle(ops, a, head, a.length - tail, b, head, b.length - tail);
        for (int i = 0; i < tail; i++) {
            ops.append('=');
        }
        return ops;
    }

    private static void middle(StringBuilder ops, String[] a, int a0, int a1, String[] b, int b0, int b1) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                ops.append('-');
            }
            for (int j = 0; j < m; j++) {
                ops.append('+');
            }
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[a0 + i].equals(b[b0 + j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
                ops.append('=');
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.append('-');
                i++;
            } else {
                ops.append('+');
                j++;
            }
        }
    }

    private static void appendHunks(StringBuilder out, StringBuilder ops, String[] a, String[] b) {
        int k = 0;
        int[] ai = new int[ops.length() + 1];
        int[] bi = new int[ops.length() + 1];
        for (int r = 0; r < ops.length(); r++) {
            char op = ops.charAt(r);
            ai[r + 1] = ai[r] + (op == '+' ? 0 : 1);
            bi[r + 1] = bi[r] + (op == '-' ? 0 : 1);
        }
        while (k < ops.length()) {
            if (ops.charAt(k) == '=') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < ops.length() && end - lastChange <= 2 * CONTEXT) {
                if (ops.charAt(end) != '=') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.length(), lastChange + 1 + CONTEXT);
            hunk(out, ops, a, b, start, end, ai, bi);
            k = end;
        }
    }

    private static void hunk(StringBuilder out, StringBuilder ops, String[] a, String[] b, int start, int end,
            int[] ai, int[] bi) {
        int aLen = ai[end] - ai[start];
        int bLen = bi[end] - bi[start];
        out.append("@@ -").append(range(ai[start], aLen)).append(" +").append(range(bi[start], bLen))
                .append(" @@\n");
        for (int r = start; r < end; r++) {
            char op = ops.charAt(r);
            String line = op == '+' ? b[bi[r]] : a[ai[r]];
            out.append(op == '=' ? ' ' : op).append(line).append('\n');
        }
    }

    private static String range(int from, int len) {
        int first = len == 0 ? from : from + 1;
        return len == 1 ? Integer.toString(first) : first + "," + len;
    }
}
