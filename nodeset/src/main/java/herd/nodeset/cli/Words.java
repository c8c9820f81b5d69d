package herd.nodeset.cli;

import herd.nodeset.PyBlanks;

/** Stdin word scanning as ClusterShell does it: white space separates, '#' comments to end of line. */
final class Words {
    private Words() {
    }

    /** Index of the next word start at or after {@code i}, or the text length. */
    static int start(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (PyBlanks.isSpace(c)) {
                i++;
            } else {
                return i;
            }
        }
        return n;
    }

    /** End (exclusive) of the word starting at {@code i}. */
    static int end(String text, int i) {
        int n = text.length();
        while (i < n && !PyBlanks.isSpace(text.charAt(i)) && text.charAt(i) != '#') {
            i++;
        }
        return i;
    }
}
