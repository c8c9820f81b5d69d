package herd.dns;

import herd.files.Text;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Line splices on a {@link ZoneFile}: a new record goes where {@link ZonePlacement} puts it and
 * copies the columns of its neighbour, a removed record takes only its own lines (a following blank-owner line gets the
 * owner written out so that it keeps its name), the SOA serial token is replaced in place.
 */
final class ZoneEdits {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ZoneEdits() {
    }

    /** A record to add: absolute owner, type, data as written, the TTL asked for (null: as the neighbours). */
    record NewRecord(String owner, String type, String data, String ttl) {
        NewRecord(String owner, String type, String data) {
            this(owner, type, data, null);
        }
    }

    /** Adds above this many records are placed against the text before any of them (linear). */
    private static final int BATCH = 64;

    /** Inserts {@code owner TYPE data} where {@link ZonePlacement} puts it. */
    static String add(ZoneFile z, String owner, String type, String data) {
        return add(z, new NewRecord(owner, type, data));
    }

    static String add(ZoneFile z, NewRecord r) {
        String text = z.text();
        String nl = Text.newline(text);
        Optional<ZonePlacement.Spot> spot = new ZonePlacement(z).place(r.owner(), r.type(), r.data(), seconds(r));
        if (spot.isEmpty()) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : nl;
            return text + sep + ZoneFile.relative(r.owner(), z.zone()) + (r.ttl() == null ? "" : "\t" + r.ttl()) + "\tIN\t"
                    + r.type() + "\t" + r.data() + nl;
        }
        int at = spot.get().at();
        String line = line(z, spot.get(), r);
        String prefix = at > 0 && text.charAt(at - 1) != '\n' ? nl : "";
        return text.substring(0, at) + prefix + line + (prefix.isEmpty() ? nl : "") + text.substring(at);
    }

    /**
     * Several records, as consecutive {@link #add} calls would place them. Above {@value #BATCH}
     * records (a first sync of a large cluster) they are placed against the text before any of
     * them, with one splice per insertion point, so that the edit stays linear; records that land
     * on the same point keep the request order.
     */
    static String addAll(ZoneFile z, List<NewRecord> records) {
        if (records.size() <= BATCH) {
            String result = z.text();
            for (NewRecord r : records) {
                result = add(ZoneFile.parse(z.path(), z.zone(), result), r);
            }
            return result;
        }
        String text = z.text();
        String nl = Text.newline(text);
        ZonePlacement placement = new ZonePlacement(z);
        TreeMap<Integer, StringBuilder> points = new TreeMap<>();
        List<NewRecord> rest = new ArrayList<>();
        for (NewRecord r : records) {
            Optional<ZonePlacement.Spot> p = placement.place(r.owner(), r.type(), r.data(), seconds(r));
            if (p.isEmpty() || (p.get().at() > 0 && text.charAt(p.get().at() - 1) != '\n')) {
                rest.add(r);
                continue;
            }
            points.computeIfAbsent(p.get().at(), k -> new StringBuilder()).append(line(z, p.get(), r)).append(nl);
        }
        StringBuilder out = new StringBuilder(text);
        points.descendingMap().forEach((at, lines) -> out.insert(at, lines));
        String result = out.toString();
        for (NewRecord r : rest) {
            result = add(ZoneFile.parse(z.path(), z.zone(), result), r);
        }
        return result;
    }

    private static Long seconds(NewRecord r) {
        return r.ttl() == null ? null : ZoneTtl.seconds(r.ttl());
    }

    /**
     * The new line in the template's habits: owner absolute where it writes absolute owners, else
     * relative to the origin there; the TTL in its TTL column, or written after the owner when the
     * stretch does not give the TTL asked for; class and type in its case; a CNAME or PTR target
     * relative where its target is.
     */
    private static String line(ZoneFile z, ZonePlacement.Spot spot, NewRecord r) {
        ZoneEntry t = spot.template();
        String origin = originAt(z, spot.at());
        String owner = spot.inherit() ? "" : t.ownerToken().endsWith(".") ? r.owner() : ZoneFile.relative(r.owner(), origin);
        String data = r.data();
        if (t.type().equals(r.type()) && (r.type().equals("CNAME") || r.type().equals("PTR")) && !t.rdata().isEmpty()
                && !t.rdata().get(t.rdata().size() - 1).text().endsWith(".")) {
            data = ZoneFile.relative(ZoneFile.absolute(data), origin);
        }
        String ttl;
        if (!t.ttl().isEmpty()) {
            ttl = r.ttl() != null ? r.ttl() : t.ttl();
        } else {
            ttl = r.ttl() != null && !seconds(r).equals(spot.stretchTtl()) ? r.ttl() : null;
        }
        if (t.directive()) {
            return owner + (ttl == null ? "" : " " + ttl) + " " + r.type() + " " + data;
        }
        return layout(z.text(), t, owner, ttl, r.type(), data);
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

    /** A record line laid out on the template's columns (tabs where it uses tabs, single spaces where it does). */
    private static String layout(String text, ZoneEntry t, String owner, String ttl, String type, String data) {
        String first = text.substring(t.start(), ZoneLayout.lineEnd(text, t.start()));
        int firstEnd = t.start() + first.length();
        ZoneLayout lay = new ZoneLayout(first, t.start());
        List<ZoneToken> words = t.tokens();
        boolean single = singleSpaced(text, words, firstEnd);
        int typeIndex = typeIndex(t);
        StringBuilder b = new StringBuilder(owner);
        if (t.ttl().isEmpty() && ttl != null) {
            boolean tab = !t.ownerToken().isEmpty() && words.size() > 1 && text.charAt(words.get(0).end()) == '\t';
            b.append(tab ? '\t' : ' ').append(ttl);
        }
        for (int i = t.ownerToken().isEmpty() ? 0 : 1; i < typeIndex; i++) {
            ZoneToken w = words.get(i);
            pad(b, lay, w, single && !b.isEmpty());
            b.append(w.text().equals(t.ttl()) && ttl != null ? ttl : w.text());
        }
        ZoneToken typeWord = words.get(typeIndex);
        pad(b, lay, typeWord, single && !b.isEmpty());
        b.append(typeWord.text().equals(typeWord.text().toLowerCase(Locale.ROOT)) ? type.toLowerCase(Locale.ROOT) : type);
        if (typeIndex + 1 < words.size() && !words.get(typeIndex + 1).isParen() && words.get(typeIndex + 1).start() < firstEnd) {
            pad(b, lay, words.get(typeIndex + 1), single);
        } else {
            b.append(' ');
        }
        return b.append(data).toString();
    }

    private static void pad(StringBuilder b, ZoneLayout lay, ZoneToken to, boolean single) {
        if (single) {
            b.append(' ');
        } else {
            lay.padTo(b, to);
        }
    }

    /** True when the words of the template's first line are separated by single spaces. */
    private static boolean singleSpaced(String text, List<ZoneToken> words, int firstEnd) {
        for (int i = 1; i < words.size() && words.get(i).start() < firstEnd; i++) {
            if (!text.substring(words.get(i - 1).end(), words.get(i).start()).equals(" ")) {
                return false;
            }
        }
        return true;
    }

    private static int typeIndex(ZoneEntry t) {
        return (t.ownerToken().isEmpty() ? 0 : 1) + (t.ttl().isEmpty() ? 0 : 1) + (t.rclass().isEmpty() ? 0 : 1);
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
}
