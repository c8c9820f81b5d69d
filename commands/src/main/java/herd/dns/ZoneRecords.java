package herd.dns;

import herd.files.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of a zone file as found (its lines and the values of its {@code $GENERATE} lines),
 * and the texts without one of them or with a {@code $GENERATE} range grown by one value.
 *
 * <pre>{@code
 * ZoneRecords.Hit h = ZoneRecords.hits(z, "node07.cluster.local.", "A").get(0);   // from $GENERATE 1-16
 * ZoneRecords.take(z, h).note();   // " (splits $GENERATE 1-16 into 1-6 and 8-16)"
 * }</pre>
 */
final class ZoneRecords {
    private ZoneRecords() {
    }

    /** A new text, and the note for the user ("" when a plain line changed). */
    record Taken(String text, String note) {
    }

    /** A record as found: a line of the file, or one value of a {@code $GENERATE} line. */
    record Hit(ZoneEntry entry, ZoneGenerate generate, int value, String type, String data) {
        String target() {
            return ZoneFile.absolute(data, entry.origin());
        }
    }

    /**
     * The text with the {@code $GENERATE} line whose next (or previous) value is the record
     * extended to it; empty when no line continues so.
     */
    static Optional<Taken> extend(ZoneFile z, String owner, String type, String data) {
        boolean names = !type.equals("A") && !type.equals("AAAA");
        for (ZoneEntry e : z.entries()) {
            Optional<ZoneGenerate> g = ZoneGenerate.of(e, z.text());
            if (g.isEmpty()) {
                continue;
            }
            ZoneGenerate gen = g.get();
            int from = gen.first();
            int to = gen.last();
            if (gen.wouldMake(to + gen.step(), owner, type, data, names)) {
                to += gen.step();
            } else if (gen.wouldMake(from - gen.step(), owner, type, data, names)) {
                from -= gen.step();
            } else {
                continue;
            }
            return Optional.of(new Taken(z.text().substring(0, e.start()) + gen.line(from, to) + z.text().substring(e.end()),
                    " (extends $GENERATE " + gen.range(gen.first(), gen.last()) + " to " + gen.range(from, to) + ")"));
        }
        return Optional.empty();
    }

    /** The text without one record; for a generated one, with the note saying how its line changed. */
    static Taken take(ZoneFile z, Hit hit) {
        if (hit.generate() == null) {
            return new Taken(ZoneEdits.remove(z, hit.entry()), "");
        }
        ZoneGenerate g = hit.generate();
        int v = hit.value();
        String text = z.text();
        String was = g.range(g.first(), g.last());
        String lines;
        String note;
        if (g.first() == g.last()) {
            lines = "";
            note = " (removes $GENERATE " + was + ")";
        } else if (v == g.first() || v == g.last()) {
            int from = v == g.first() ? v + g.step() : g.first();
            int to = v == g.last() ? v - g.step() : g.last();
            lines = g.line(from, to);
            note = " (shrinks $GENERATE " + was + " to " + g.range(from, to) + ")";
        } else {
            String left = g.line(g.first(), v - g.step());
            lines = (left.endsWith("\n") ? left : left + Text.newline(text)) + g.line(v + g.step(), g.last());
            note = " (splits $GENERATE " + was + " into " + g.range(g.first(), v - g.step()) + " and "
                    + g.range(v + g.step(), g.last()) + ")";
        }
        return new Taken(text.substring(0, hit.entry().start()) + lines + text.substring(hit.entry().end()), note);
    }

    /** The records of {@code owner} ({@code type} null: any type), lines and {@code $GENERATE} values alike. */
    static List<Hit> hits(ZoneFile z, String owner, String type) {
        List<Hit> out = new ArrayList<>();
        for (ZoneEntry e : z.entries()) {
            if (e.isRecord()) {
                if (e.owner().equals(owner) && (type == null || e.type().equals(type))) {
                    out.add(new Hit(e, null, 0, e.type(), e.data()));
                }
            } else {
                ZoneGenerate.of(e, z.text()).filter(g -> type == null || g.type().equals(type)).ifPresent(g -> g
                        .valueOf(owner, g.type(), null, false).ifPresent(v -> out.add(new Hit(e, g, v, g.type(), g.data(v)))));
            }
        }
        return out;
    }
}
