package herd.dns;

/** One word, quoted string or parenthesis of a zone file, at {@code [start, end)} of the text. */
record ZoneToken(String text, int start, int end) {

    boolean isParen() {
        return text.equals("(") || text.equals(")");
    }
}
