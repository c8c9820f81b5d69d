package herd.dns;

import herd.files.Text;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Line splices on a {@link ZoneFile}: a new record copies the columns of its neighbour of the
 * same type, a removed record takes only its own lines (a following blank-owner line gets the
 * owner written out so that it keeps its name), the SOA serial token is replaced in place.
 */
final class ZoneEdits {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ZoneEdits() {
    }

    /** A record to add: absolute owner, type, data as written. */
    record NewRecord(String owner, String type, String data) {
    }

    /** Where a new record of a type goes: after {@code template} (and its blank-owner followers), at {@code at}. */
    private record Placement(ZoneEntry template, int at) {
    }

    /** Inserts {@code owner TYPE data} after the last record of that type (and its blank-owner followers). */
    static String add(ZoneFile z, String owner, String type, String data) {
        String text = z.text();
        Optional<Placement> p = place(z, type);
        if (p.isEmpty()) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : Text.newline(text);
            return text + sep + ZoneFile.relative(owner, z.zone()) + "\tIN\t" + type + "\t" + data + Text.newline(text);
        }
        int at = p.get().at();
        String line = layout(text, p.get().template(), ZoneFile.relative(owner, originAt(z, at)), type, data);
        String nl = Text.newline(text);
        String prefix = at > 0 && text.charAt(at - 1) != '\n' ? nl : "";
        return text.substring(0, at) + prefix + line + (prefix.isEmpty() ? nl : "") + text.substring(at);
    }

    /**
     * Several records at once, where consecutive {@link #add} calls would put them (records of
     * different types that land on the same line keep the request order), with one splice per
     * insertion point (a first sync of a large cluster stays linear). Records without a
     * neighbour, or going after an unterminated last line, are added one by one.
     */
    static String addAll(ZoneFile z, List<NewRecord> records) {
        String text = z.text();
        String nl = Text.newline(text);
        TreeMap<Integer, StringBuilder> points = new TreeMap<>();
        Map<Integer, String> origins = new HashMap<>();
        List<NewRecord> rest = new ArrayList<>();
        for (NewRecord r : records) {
            Optional<Placement> p = place(z, r.type());
            if (p.isEmpty() || (p.get().at() > 0 && text.charAt(p.get().at() - 1) != '\n')) {
                rest.add(r);
                continue;
            }
            int at = p.get().at();
            String origin = origins.computeIfAbsent(at, k -> originAt(z, k));
            points.computeIfAbsent(at, k -> new StringBuilder())
                    .append(layout(text, p.get().template(), ZoneFile.relative(r.owner(), origin), r.type(), r.data())).append(nl);
        }
        StringBuilder out = new StringBuilder(text);
        points.descendingMap().forEach((at, lines) -> out.insert(at, lines));
        String result = out.toString();
        for (NewRecord r : rest) {
            result = add(ZoneFile.parse(z.path(), z.zone(), result), r.owner(), r.type(), r.data());
        }
        return result;
    }

    private static Optional<Placement> place(ZoneFile z, String type) {
        List<ZoneEntry> records = z.records();
        Optional<ZoneEntry> template = last(records, e -> e.type().equals(type) && !e.owner().equals(z.zone()))
                .or(() -> last(records, e -> !e.type().equals("SOA") && !e.owner().equals(z.zone())))
                .or(() -> last(records, e -> true));
        if (template.isEmpty()) {
            return Optional.empty();
        }
        ZoneEntry t = template.get();
        int index = indexOf(z.entries(), t);
        int at = t.end();
        for (ZoneEntry e : z.entries().subList(index + 1, z.entries().size())) {
            if (e.directive() || !e.ownerToken().isEmpty()) {
                break;
            }
            at = e.end();
        }
        return Optional.of(new Placement(t, at));
    }

    /** Removes one record's lines; a following record that inherited its owner gets it written. */
    static String remove(ZoneFile z, ZoneEntry e) {
        String text = z.text();
        int index = indexOf(z.entries(), e);
        String after = text.substring(e.end());
        Optional<ZoneEntry> next = index + 1 < z.entries().size() ? Optional.of(z.entries().get(index + 1))
                : Optional.empty();
        if (!e.ownerToken().isEmpty() && next.isPresent() && next.get().isRecord()
                && next.get().ownerToken().isEmpty() && next.get().start() == e.end()) {
            after = withOwner(after, ZoneFile.relative(e.owner(), next.get().origin()));
        }
        int start = e.start();
        if (e.end() == text.length() && !text.endsWith("\n") && start > 0) {
            start -= start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1;
        }
        return text.substring(0, start) + after;
    }

    /** The next serial: date-based {@code YYYYMMDDnn} when the zone uses one, else +1. */
    static long nextSerial(long serial, LocalDate today) {
        String s = Long.toString(serial);
        if (s.length() == 10 && dateLike(s.substring(0, 8))) {
            return Math.max(Long.parseLong(today.format(DAY)) * 100, serial + 1);
        }
        return (serial + 1) % 4_294_967_296L;
    }

    /** The text with the SOA serial replaced by its successor. */
    static String bumpSerial(ZoneFile z, LocalDate today) {
        ZoneEntry soa = z.soa().orElseThrow(() -> new DnsException(z.path() + ": zone " + z.zone() + " has no SOA record"));
        if (soa.rdata().size() < 3 || !soa.rdata().get(2).text().matches("\\d+")) {
            throw new DnsException(z.path() + ":" + soa.line() + ": SOA record has no numeric serial");
        }
        ZoneToken serial = soa.rdata().get(2);
        String next = Long.toString(nextSerial(Long.parseLong(serial.text()), today));
        return z.text().substring(0, serial.start()) + next + z.text().substring(serial.end());
    }

    static long serial(ZoneFile z) {
        return z.soa().filter(s -> s.rdata().size() > 2 && s.rdata().get(2).text().matches("\\d+"))
                .map(s -> Long.parseLong(s.rdata().get(2).text())).orElse(-1L);
    }

    private static boolean dateLike(String ymd) {
        try {
            LocalDate d = LocalDate.parse(ymd, DAY);
            return d.getYear() >= 1990 && d.getYear() <= 2200;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static String originAt(ZoneFile z, int offset) {
        String origin = z.zone();
        for (ZoneEntry e : z.entries()) {
            if (e.start() >= offset) {
                break;
            }
            origin = e.directive() && e.type().equals("$ORIGIN") ? ZoneFile.absolute(e.rdata().get(0).text(), e.origin())
                    : e.origin();
        }
        return origin;
    }

    /** A record line laid out on the template's columns (tabs where the template uses tabs). */
    private static String layout(String text, ZoneEntry t, String owner, String type, String data) {
        String first = text.substring(t.start(), ZoneLayout.lineEnd(text, t.start()));
        ZoneLayout lay = new ZoneLayout(first, t.start());
        StringBuilder b = new StringBuilder(owner);
        List<ZoneToken> words = t.tokens();
        int typeIndex = typeIndex(t);
        if (!t.rclass().isEmpty()) {
            ZoneToken cls = words.stream().filter(w -> w.text().equalsIgnoreCase(t.rclass())).findFirst().orElseThrow();
            lay.padTo(b, cls);
            b.append(t.rclass());
        }
        lay.padTo(b, words.get(typeIndex));
        b.append(type);
        if (typeIndex + 1 < words.size() && !words.get(typeIndex + 1).isParen()
                && words.get(typeIndex + 1).start() < t.start() + first.length()) {
            lay.padTo(b, words.get(typeIndex + 1));
        } else {
            b.append(' ');
        }
        return b.append(data).toString();
    }

    private static int typeIndex(ZoneEntry t) {
        int skip = (t.ownerToken().isEmpty() ? 0 : 1) + (t.ttl().isEmpty() ? 0 : 1) + (t.rclass().isEmpty() ? 0 : 1);
        return skip;
    }

    /** Position by identity: entries compare by content, and two lines can hold the same record. */
    private static int indexOf(List<ZoneEntry> entries, ZoneEntry e) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == e) {
                return i;
            }
        }
        return -1;
    }

    private static String withOwner(String after, String owner) {
        int ws = 0;
        while (ws < after.length() && (after.charAt(ws) == ' ' || after.charAt(ws) == '\t')) {
            ws++;
        }
        String lead = after.substring(0, ws);
        String pad = lead.contains("\t") ? lead : " ".repeat(Math.max(1, ws - owner.length()));
        return owner + pad + after.substring(ws);
    }

    private static Optional<ZoneEntry> last(List<ZoneEntry> entries, Predicate<ZoneEntry> which) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (which.test(entries.get(i))) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }
}
