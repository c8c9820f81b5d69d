package herd.dns;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One BIND {@code $GENERATE start-stop[/step] lhs [ttl] [class] type rhs} line: the records it
 * stands for ({@code $} and {@code ${offset,width,base}} replaced by the iterator), and the lines
 * that extend its range by one step or take one value out of it.
 *
 * <pre>{@code
 * ZoneGenerate g = ZoneGenerate.of(entry, text).orElseThrow();   // $GENERATE 1-16 node${0,2,d} A 10.0.0.$
 * g.owner(7);   // node07.cluster.local.
 * }</pre>
 */
final class ZoneGenerate {
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)(?:/(\\d+))?");
    private static final Pattern MODIFIER = Pattern.compile("\\$\\{(-?\\d+)(?:,(\\d+)(?:,([doxX]))?)?\\}");

    private final ZoneEntry entry;
    private final String text;
    private final int start;
    private final int stop;
    private final int step;
    private final String type;
    private final ZoneToken lhs;
    private final int rhsStart;
    private final int rhsEnd;

    private ZoneGenerate(ZoneEntry entry, String text, Matcher range, String type, ZoneToken lhs, int rhsStart, int rhsEnd) {
        this.entry = entry;
        this.text = text;
        this.start = Integer.parseInt(range.group(1));
        this.stop = Integer.parseInt(range.group(2));
        this.step = range.group(3) == null ? 1 : Integer.parseInt(range.group(3));
        this.type = type;
        this.lhs = lhs;
        this.rhsStart = rhsStart;
        this.rhsEnd = rhsEnd;
    }

    /** The generator of a {@code $GENERATE} entry of {@code text}; empty for other entries or a malformed one. */
    static Optional<ZoneGenerate> of(ZoneEntry e, String text) {
        if (!e.directive() || !e.type().equals("$GENERATE") || e.rdata().size() < 4) {
            return Optional.empty();
        }
        List<ZoneToken> args = e.rdata();
        Matcher range = RANGE.matcher(args.get(0).text());
        if (!range.matches() || Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(2))) {
            return Optional.empty();
        }
        int i = 2;
        while (i < args.size() - 1 && (args.get(i).text().matches("\\d+[smhdwSMHDW]?|(\\d+[smhdwSMHDW])+")
                || List.of("IN", "CH", "HS").contains(args.get(i).text().toUpperCase(Locale.ROOT)))) {
            i++;
        }
        if (i >= args.size() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ZoneGenerate(e, text, range, args.get(i).text().toUpperCase(Locale.ROOT), args.get(1),
                args.get(i + 1).start(), args.get(args.size() - 1).end()));
    }

    ZoneEntry entry() {
        return entry;
    }

    String type() {
        return type;
    }

    int first() {
        return start;
    }

    int last() {
        return stop - (stop - start) % step;
    }

    int step() {
        return step;
    }

    boolean covers(int i) {
        return i >= start && i <= stop && (i - start) % step == 0;
    }

    /** The absolute owner of value {@code i}. */
    String owner(int i) {
        return ZoneFile.absolute(expand(lhs.text(), i), entry.origin());
    }

    /** The data of value {@code i}, as written (names relative to the origin unless absolute). */
    String data(int i) {
        return expand(text.substring(rhsStart, rhsEnd), i);
    }

    /** The value whose record is {@code owner TYPE data}; empty when this line makes no such record. */
    OptionalInt valueOf(String owner, String rtype, String data, boolean names) {
        if (!rtype.equals(type)) {
            return OptionalInt.empty();
        }
        for (int i = start; i <= stop; i += step) {
            if (owner(i).equals(owner) && (data == null || same(data(i), data, names))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** True when value {@code i} (one step outside the range) makes {@code owner TYPE data}. */
    boolean wouldMake(int i, String owner, String rtype, String data, boolean names) {
        return i >= 0 && rtype.equals(type) && owner(i).equals(owner) && same(data(i), data, names);
    }

    private boolean same(String written, String data, boolean names) {
        return names ? ZoneFile.absolute(written, entry.origin()).equals(ZoneFile.absolute(data))
                : written.equalsIgnoreCase(data);
    }

    /** The range as written: {@code 1-16}, {@code 0-30/2}, or the single value. */
    String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to + (step == 1 ? "" : "/" + step);
    }

    /** The line (with its terminator) over the range {@code from..to}; a single value becomes a plain record. */
    String line(int from, int to) {
        String line = text.substring(entry.start(), entry.end());
        ZoneToken rangeToken = entry.rdata().get(0);
        int base = entry.start();
        if (from != to) {
            return line.substring(0, rangeToken.start() - base) + range(from, to) + line.substring(rangeToken.end() - base);
        }
        return expand(lhs.text(), from) + line.substring(lhs.end() - base, rhsStart - base) + data(from)
                + line.substring(rhsEnd - base);
    }

    private String expand(String template, int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < template.length(); k++) {
            char c = template.charAt(k);
            if (c == '\\' && k + 1 < template.length()) {
                b.append(c).append(template.charAt(++k));
            } else if (c == '$') {
                Matcher m = MODIFIER.matcher(template).region(k, template.length());
                if (m.lookingAt()) {
                    int value = i + Integer.parseInt(m.group(1));
                    int width = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                    String base = m.group(3) == null ? "d" : m.group(3);
                    b.append(String.format(width == 0 ? "%" + base : "%0" + width + base, value));
                    k = m.end() - 1;
                } else {
                    b.append(i);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
