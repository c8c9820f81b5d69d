package herd.session;

import herd.nodeset.NodeSet;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON writer for command results and audit records: records and maps become objects, collections and
 * arrays arrays, {@link NodeSet} the array of its node names, {@link Table} an array of objects.
 *
 * <pre>{@code
 * Json.write(Map.of("nodes", NodeSet.parse("n[1-2]")))   // {"nodes":["n1","n2"]}
 * }</pre>
 */
public final class Json {

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        value(out, value);
        return out.toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String || v instanceof Character || v instanceof Path || v instanceof Enum<?>) {
            string(out, v instanceof Enum<?> e ? e.name() : v.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Optional<?> o) {
            value(out, o.orElse(null));
        } else if (v instanceof NodeSet ns) {
            value(out, ns.expand());
        } else if (v instanceof OutcomeSet os) {
            value(out, os.outcomes().stream().map(Json::outcome).toList());
        } else if (v instanceof Table t) {
            value(out, t.rows().stream().map(r -> row(t.columns(), r)).toList());
        } else if (v instanceof Map<?, ?> m) {
            object(out, m);
        } else if (v instanceof Collection<?> c) {
            array(out, c);
        } else if (v instanceof Object[] a) {
            array(out, List.of(a));
        } else if (v.getClass().isRecord()) {
            object(out, components(v));
        } else {
            string(out, v.toString());
        }
    }

    private static Map<String, Object> outcome(NodeOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", o.node());
        m.put("reason", o.reason().name().toLowerCase(java.util.Locale.ROOT));
        m.put("exitCode", o.reason().hasExitCode() ? o.exitCode() : null);
        m.put("detail", o.detail());
        return m;
    }

    private static Map<String, Object> row(List<String> columns, List<Object> cells) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), cells.get(i));
        }
        return m;
    }

    /** A record's components by name, in declaration order. */
    public static Map<String, Object> components(Object record) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                m.put(c.getName(), accessor.invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
            }
        }
        return m;
    }

    private static void object(StringBuilder out, Map<?, ?> m) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(e.getKey()));
            out.append(':');
            value(out, e.getValue());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> c) {
        out.append('[');
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                out.append(',');
            }
            first = false;
            value(out, o);
        }
        out.append(']');
    }

    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
