package herd.nodeset;

import java.util.ArrayList;
import java.util.List;

/**
 * A node name pattern, keyed like ClusterShell's ("node%s-ib%s", with a literal '%' written
 * "%%") so patterns sort in the same order; {@code literals} are the text between index slots.
 */
record Pattern(String key, String[] literals) implements Comparable<Pattern> {

    static Pattern ofKey(String key) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 1 < key.length()) {
                char d = key.charAt(++i);
                if (d == 's') {
                    parts.add(cur.toString());
                    cur.setLength(0);
                    continue;
                }
                cur.append(d);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return new Pattern(key, parts.toArray(new String[0]));
    }

    /** Builds a key from literal pieces: one more piece than index slots. */
    static String keyOf(List<String> literals) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < literals.size(); i++) {
            if (i > 0) {
                sb.append("%s");
            }
            sb.append(literals.get(i).replace("%", "%%"));
        }
        return sb.toString();
    }

    int dim() {
        return literals.length - 1;
    }

    String format(String[] idx) {
        StringBuilder sb = new StringBuilder(literals[0]);
        for (int i = 0; i < idx.length; i++) {
            sb.append(idx[i]).append(literals[i + 1]);
        }
        return sb.toString();
    }

    String format1(String idx) {
        return literals[0] + idx + literals[1];
    }

    @Override
    public int compareTo(Pattern o) {
        return key.compareTo(o.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pattern p && p.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
