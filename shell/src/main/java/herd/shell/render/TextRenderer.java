package herd.shell.render;

import herd.nodeset.NodeSet;
import herd.session.Json;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns typed results into lines for people: folded nodesets, aligned columns, outcomes grouped
 * by result. Colour (ANSI) only when asked, i.e. when stdout is a terminal.
 *
 * <pre>{@code
 * new TextRenderer(false).lines(outcomeSet)   // ["valkyrie[01-02]: ok", "valkyrie03: exit 1"]
 * }</pre>
 */
public final class TextRenderer {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";

    private final boolean colour;

    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    public List<String> lines(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof NodeSet ns) {
            return ns.size() == 0 ? List.of() : List.of(ns.toString());
        }
        if (v instanceof OutcomeSet os) {
            return outcomes(os);
        }
        if (v instanceof Table t) {
            return table(t);
        }
        if (v instanceof Map<?, ?> m) {
            return keyValues(m);
        }
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>();
            c.forEach(item -> out.add(inline(item)));
            return out;
        }
        if (v.getClass().isRecord()) {
            return keyValues(Json.components(v));
        }
        return List.of(v.toString().split("\n", -1));
    }

    private List<String> outcomes(OutcomeSet os) {
        Map<String, List<String>> byDetail = new LinkedHashMap<>();
        Map<String, Boolean> ok = new LinkedHashMap<>();
        for (NodeOutcome o : os.outcomes()) {
            byDetail.computeIfAbsent(o.foldedDetail(), k -> new ArrayList<>()).add(o.node());
            ok.put(o.foldedDetail(), o.ok());
        }
        List<String> out = new ArrayList<>();
        byDetail.forEach((detail, nodes) -> out.add(NodeSet.fromNames(nodes) + ": "
                + paint(detail, ok.get(detail) ? GREEN : RED)));
        return out;
    }

    private List<String> table(Table t) {
        int[] width = new int[t.columns().size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = t.columns().get(i).length();
            for (List<Object> row : t.rows()) {
                width[i] = Math.max(width[i], inline(row.get(i)).length());
            }
        }
        List<String> out = new ArrayList<>();
        out.add(paint(row(t.columns().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList(), width), BOLD));
        t.rows().forEach(r -> out.add(row(r.stream().map(TextRenderer::inline).toList(), width)));
        return out;
    }

    private static String row(List<String> cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            s.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), width[i] + 2));
        }
        return s.toString().stripTrailing();
    }

    private List<String> keyValues(Map<?, ?> m) {
        int width = m.keySet().stream().mapToInt(k -> String.valueOf(k).length()).max().orElse(0) + 1;
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add((pad(k + ":", width + 1) + inline(v)).stripTrailing()));
        return out;
    }

    /** One value on one line: nodesets folded, lists joined by ", ", absent values "-". */
    private static String inline(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(TextRenderer::inline).toList());
        }
        if (v.getClass().isRecord()) {
            return inline(Json.components(v));
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> {
                if (x != null) {
                    parts.add(k + "=" + inline(x));
                }
            });
            return String.join(" ", parts);
        }
        return v.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private String paint(String s, String code) {
        return colour ? code + s + RESET : s;
    }
}
