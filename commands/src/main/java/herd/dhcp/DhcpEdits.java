package herd.dhcp;

import herd.files.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Text splices on a {@link DhcpConf}: each edit replaces only the lines of one host block and
 * copies the indentation and spacing of its neighbours, so the rest of the file stays byte for
 * byte. Adding a host and removing it again gives back the original text.
 */
final class DhcpEdits {

    private record Splice(int start, int end, String text) {
    }

    private DhcpEdits() {
    }

    /**
     * A host block to add.
     *
     * @param ip where it goes: the first IPv4 address picks the subnet
     * @param fields its statements, MAC canonical ({@code option host-name} aside)
     * @param hostName forced {@code option host-name}; null: as its siblings do
     * @param noHostName none, whatever the siblings do
     */
    record NewHost(String name, String ip, Map<String, String> fields, String hostName, boolean noHostName) {
        NewHost(String name, String ip, Map<String, String> fields) {
            this(name, ip, fields, null, false);
        }
    }

    /** The new host's block where {@link DhcpPlacement} puts it, written as its template is. */
    static String add(DhcpConf conf, NewHost h) {
        DhcpPlacement.Spot spot = DhcpPlacement.of(conf, h.name(), h.ip());
        return splice(conf.text(), List.of(new Splice(spot.at(), spot.at(), insertion(conf, spot, List.of(h)))));
    }

    /**
     * Several new hosts at once, placed as consecutive {@link #add} calls would place them but with
     * one splice per insertion point, so that a first sync of a large cluster stays linear. A host
     * that opens a block (no sibling yet) or goes first is added after the others, then the rest
     * are placed again beside it.
     */
    static String addAll(DhcpConf conf, List<NewHost> hosts) {
        Map<Integer, List<NewHost>> points = new TreeMap<>();
        Map<Integer, DhcpPlacement.Spot> spots = new TreeMap<>();
        List<NewHost> rest = new ArrayList<>();
        DhcpPlacement placer = new DhcpPlacement(conf);
        for (NewHost h : hosts) {
            DhcpPlacement.Spot spot = placer.spot(h.name(), h.ip());
            if (spot.mode() != DhcpPlacement.Mode.AFTER) {
                rest.add(h);
                continue;
            }
            points.computeIfAbsent(spot.at(), k -> new ArrayList<>()).add(h);
            spots.putIfAbsent(spot.at(), spot);
        }
        List<Splice> splices = new ArrayList<>();
        points.forEach((at, batch) -> {
            DhcpPlacement.Spot spot = spots.get(at);
            List<NewHost> inOrder = new ArrayList<>(batch);
            if (spot.order() != null) {
                inOrder.sort((a, b) -> spot.order().compare(new DhcpPlacement.Key(a.name(),
                        DhcpPlacement.firstIpv4(a.ip())), new DhcpPlacement.Key(b.name(), DhcpPlacement.firstIpv4(b.ip()))));
            }
            splices.add(new Splice(at, at, insertion(conf, spot, inOrder)));
        });
        String out = splice(conf.text(), splices);
        if (rest.isEmpty()) {
            return out;
        }
        // The first host of a new block gives the others a sibling: one more round places them all.
        String first = add(DhcpConf.parse(conf.path(), out).within(conf.outerSubnets()), rest.get(0));
        return addAll(DhcpConf.parse(conf.path(), first).within(conf.outerSubnets()), rest.subList(1, rest.size()));
    }

    private static String insertion(DhcpConf conf, DhcpPlacement.Spot spot, List<NewHost> hosts) {
        String text = conf.text();
        String nl = Text.newline(text);
        DhcpLayout layout = DhcpLayout.of(conf, spot.template());
        String gap = nl.repeat(spot.blankLines());
        StringBuilder b = new StringBuilder();
        List<DhcpHost> near = spot.siblings().isEmpty() ? conf.hosts() : spot.siblings();
        long carrying = near.stream().filter(s -> s.statement("option host-name").isPresent()).count();
        for (NewHost h : hosts) {
            String block = layout.block(h.name(), fields(spot, near, carrying, h), spot.indent());
            switch (spot.mode()) {
                case AFTER -> b.append(nl).append(gap).append(block);
                case BEFORE -> b.append(block).append(nl).append(gap);
                case END_OF_BLOCK -> b.append(DhcpText.blankLinesAbove(text, spot.at()) > 0 ? block + nl + nl : gap + block + nl);
                case END_OF_FILE -> b.append(text.isEmpty() || text.endsWith("\n") ? "" : nl).append(block).append(nl);
            }
        }
        return b.toString();
    }

    /** The statements of a new host: its MAC written as its siblings write theirs, and its host name. */
    private static Map<String, String> fields(DhcpPlacement.Spot spot, List<DhcpHost> near, long carrying, NewHost h) {
        Map<String, String> f = new LinkedHashMap<>();
        Optional<String> hostName = hostName(spot.template(), near, carrying, h);
        h.fields().forEach((k, v) -> {
            f.put(k, k.equals("hardware ethernet") ? DhcpChecks.inNotationOf(v, macLike(spot.template(), near)) : v);
            if (k.equals("fixed-address")) {
                hostName.ifPresent(n -> f.put("option host-name", quoted(n)));
            }
        });
        if (!f.containsKey("option host-name")) {
            hostName.ifPresent(n -> f.put("option host-name", quoted(n)));
        }
        return f;
    }

    /**
     * The forced name, else one where most siblings carry one (or the file has no host yet),
     * derived as the template's is from its name ({@code valkyrie01.cluster.local}).
     */
    private static Optional<String> hostName(DhcpHost template, List<DhcpHost> near, long carrying, NewHost h) {
        if (h.noHostName() || h.hostName() != null) {
            return Optional.ofNullable(h.noHostName() ? null : h.hostName());
        }
        boolean templateCarries = template != null && template.statement("option host-name").isPresent();
        boolean most = carrying * 2 > near.size() || carrying * 2 == near.size() && templateCarries;
        if (!near.isEmpty() && !most) {
            return Optional.empty();
        }
        DhcpHost like = templateCarries ? template
                : near.stream().filter(s -> s.statement("option host-name").isPresent()).findFirst().orElse(null);
        String written = like == null ? "" : like.field("option host-name");
        return Optional.of(like != null && written.startsWith(like.name())
                ? h.name() + written.substring(like.name().length()) : h.name());
    }

    /** The MAC whose notation a new one copies: the template's when it has hex letters, else a sibling's that has. */
    private static String macLike(DhcpHost template, List<DhcpHost> near) {
        String own = template == null ? "" : template.mac();
        if (own.chars().anyMatch(Character::isLetter)) {
            return own;
        }
        return near.stream().map(DhcpHost::mac).filter(m -> m.chars().anyMatch(Character::isLetter)).findFirst()
                .orElse(own);
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Removes the host's lines and one gap: the blank lines above it unless a host or a comment
     * follows directly, else the blank lines below it unless another host ends just above.
     */
    static String remove(DhcpConf conf, DhcpHost host) {
        String text = conf.text();
        int start = host.start();
        int end = host.close() + 1;
        if (DhcpText.onlySpaceBefore(text, start) && DhcpText.onlySpaceOrCommentAfter(text, end)) {
            start = DhcpText.lineStart(text, start);
            end = DhcpText.nextLineStart(text, end);
            int above = DhcpText.blankLinesAbove(text, start);
            int below = DhcpText.blankLinesBelow(text, end);
            int next = end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            int nextStart = next;
            boolean hostOrCommentNext = text.startsWith("#", next)
                    || conf.hosts().stream().anyMatch(h -> h.start() == nextStart);
            if (above > 0 && (below > 0 || !hostOrCommentNext)) {
                for (int i = 0; i < above; i++) {
                    start = DhcpText.lineStart(text, start - 1);
                }
            } else if (above == 0 && below > 0 && !hostEndsAbove(conf, start)) {
                for (int i = 0; i < below; i++) {
                    end = DhcpText.nextLineStart(text, end);
                }
            }
            if (end == text.length() && start > 0 && text.charAt(end - 1) != '\n') {
                // The block was the unterminated last line: the terminator before it goes too.
                start -= start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1;
            }
        } else {
            while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
                start--;
            }
        }
        return splice(text, List.of(new Splice(start, end, "")));
    }

    /**
     * Replaces the values of existing statements (a MAC in the notation of the one it replaces),
     * appends new ones written as the host's own, drops the {@code unset} keys.
     */
    static String set(DhcpConf conf, DhcpHost host, Map<String, String> fields, Set<String> unset) {
        String text = conf.text();
        String nl = Text.newline(text);
        List<Splice> splices = new ArrayList<>();
        StringBuilder added = new StringBuilder();
        boolean ownLine = DhcpText.onlySpaceBefore(text, host.close());
        DhcpLayout layout = DhcpLayout.of(conf, host);
        String inner = layout.innerIndent(DhcpText.indentOf(text, host.start()));
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Optional<DhcpStatement> s = host.statement(f.getKey());
            String value = f.getKey().equals("hardware ethernet") && s.isPresent()
                    ? DhcpChecks.inNotationOf(f.getValue(), s.get().value()) : f.getValue();
            if (s.isPresent()) {
                splices.add(new Splice(s.get().valueStart(), s.get().valueEnd(), value));
            } else if (ownLine) {
                added.append(inner).append(layout.statement(f.getKey(), value)).append(nl);
            } else {
                added.append(layout.statement(f.getKey(), value)).append(' ');
            }
        }
        for (DhcpStatement s : host.statements()) {
            if (unset.contains(s.key())) {
                splices.add(removal(text, s));
            }
        }
        if (added.length() > 0) {
            int at = ownLine ? DhcpText.lineStart(text, host.close()) : host.close();
            splices.add(new Splice(at, at, added.toString()));
        }
        return splice(text, splices);
    }

    private static Splice removal(String text, DhcpStatement s) {
        if (DhcpText.onlySpaceBefore(text, s.start()) && DhcpText.onlySpaceOrCommentAfter(text, s.end())) {
            return new Splice(DhcpText.lineStart(text, s.start()), DhcpText.nextLineStart(text, s.end()), "");
        }
        int start = s.start();
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return new Splice(start, s.end(), "");
    }

    private static String splice(String text, List<Splice> splices) {
        StringBuilder b = new StringBuilder(text);
        splices.stream().sorted(Comparator.comparingInt(Splice::start).reversed())
                .forEach(s -> b.replace(s.start(), s.end(), s.text()));
        return b.toString();
    }

    /** Another host's block ends on the line above {@code lineStart}. */
    private static boolean hostEndsAbove(DhcpConf conf, int lineStart) {
        int above = DhcpText.lineStart(conf.text(), lineStart - 1);
        return lineStart > 0 && conf.hosts().stream().anyMatch(h -> h.close() >= above && h.close() < lineStart);
    }
}
