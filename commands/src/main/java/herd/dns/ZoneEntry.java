package herd.dns;

import java.util.List;

/**
 * One logical line of a zone file (a record, possibly spanning lines in parentheses, or a
 * {@code $} directive), with its place in the text: {@code [start, end)} covers its whole
 * physical lines, terminators included.
 *
 * @param ownerToken the owner as written, "" when the line starts blank (inherits the owner)
 * @param owner the absolute owner name, lower case, with the trailing dot
 * @param origin the {@code $ORIGIN} in effect, absolute
 * @param rdata the data tokens, parentheses and comments left out
 */
record ZoneEntry(boolean directive, int start, int end, int line, String ownerToken, String owner, String ttl,
        String rclass, String type, List<ZoneToken> tokens, List<ZoneToken> rdata, String origin) {

    boolean isRecord() {
        return !directive;
    }

    /** The data as one string, tokens separated by one space. */
    String data() {
        return String.join(" ", rdata.stream().map(ZoneToken::text).toList());
    }
}
