package herd.nodeset;

import java.util.ArrayList;
import java.util.List;

/** Splits one plain node name into its pattern and its numbers: {@code r1n02} = r%sn%s + [1, 02]. */
final class NameScanner {
    /** A scanned name: its pattern key and its index strings as written. */
    record Name(String key, String[] indexes) {
    }

    private NameScanner() {
    }

    static Name scan(String name) {
        if (name.isEmpty()) {
            throw new NodeSetParseException("bad node name", name, "empty");
        }
        List<String> literals = new ArrayList<>(4);
        List<String> indexes = new ArrayList<>(4);
        int i = 0;
        int n = name.length();
        while (i < n) {
            int start = i;
            while (i < n && !isDigit(name.charAt(i))) {
                i++;
            }
            String lit = name.substring(start, i);
            start = i;
            while (i < n && isDigit(name.charAt(i))) {
                i++;
            }
            if (i > start) {
                String idx = name.substring(start, i);
                literals.add(lit);
                indexes.add(idx);
            } else {
                literals.add(lit);
            }
        }
        if (literals.size() == indexes.size()) {
            literals.add("");
        }
        String[] idx = indexes.toArray(new String[0]);
        return new Name(Pattern.keyOf(literals), idx);
    }

    static Name scanOrNull(String name) {
        try {
            return scan(name);
        } catch (NodeSetParseException e) {
            return null;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
