package herd.audit;

import herd.nodeset.NodeSet;
import herd.session.Effects;
import herd.session.Json;
import herd.session.OutcomeSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One line of the audit log: who ran which command line on which nodes, how it ended, and the
 * files it changed. Written as one JSON object per line (JSON is YAML's flow style, so the
 * inventory's YAML parser reads it back).
 *
 * <pre>{@code
 * {"time":"2026-12-07T12:26:08.120Z","user":"root","uid":0,"sudoUser":"alice","pid":4242,"session":"5f3a9c1e",
 *  "cluster":"lab","inventory":"/tmp/herd-lab/cluster.yaml","position":null,"line":"power on @power:off",
 *  "command":"power","nodes":"valkyrie04","status":0,"error":null,"outcomes":{"ok":1},"sets":{"ok":"valkyrie04"},
 *  "files":[],"millis":812}
 * }</pre>
 *
 * @param position "FILE:LINE" of a batch line, null at the prompt or for {@code -c}
 * @param nodes    the resolved nodeset, folded ("" when the command named none)
 * @param error    the error message when the command failed, else null
 * @param outcomes how many nodes ended in each outcome set (ok, failed, timeout, unreachable, rc=N, ...)
 * @param sets     the same sets' nodes, folded
 */
public record AuditRecord(Instant time, String user, long uid, String sudoUser, long pid, String session,
                          String cluster, String inventory, String position, String line, String command, String nodes,
                          int status, String error, Map<String, Integer> outcomes, Map<String, String> sets,
                          List<Effects.WrittenFile> files, long millis) {

    public AuditRecord {
        outcomes = Map.copyOf(outcomes);
        sets = Map.copyOf(sets);
        files = List.copyOf(files);
    }

    /** The outcome counts and folded sets of a fan-out: only the sets that hold a node. */
    public static Map<String, List<String>> nonEmpty(OutcomeSet set) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (set != null) {
            set.groups().forEach((name, nodes) -> {
                if (!nodes.isEmpty()) {
                    out.put(name, nodes);
                }
            });
        }
        return out;
    }

    public String toJson() {
        Map<String, Object> m = Json.components(this);
        m.put("time", time.toString());
        m.put("outcomes", new java.util.TreeMap<>(outcomes));
        m.put("sets", new java.util.TreeMap<>(sets));
        return Json.write(m);
    }

    /** The record of one log line; an {@link AuditException} when it is not one. */
    public static AuditRecord parse(String line) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(line);
            if (!(doc instanceof Map<?, ?> m)) {
                throw new AuditException("not an audit record: not a JSON object");
            }
            return new AuditRecord(Instant.parse(text(m, "time")), text(m, "user"), number(m, "uid"),
                    text(m, "sudoUser"), number(m, "pid"), text(m, "session"), text(m, "cluster"), text(m, "inventory"),
                    text(m, "position"), text(m, "line"), text(m, "command"), text(m, "nodes"),
                    (int) number(m, "status"), text(m, "error"), counts(m.get("outcomes")), texts(m.get("sets")),
                    files(m.get("files")), number(m, "millis"));
        } catch (YAMLException | ClassCastException | java.time.format.DateTimeParseException e) {
            throw new AuditException("not an audit record: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The nodes as a set, for {@code audit --node}. */
    NodeSet nodeSet() {
        return nodes == null || nodes.isEmpty() ? NodeSet.empty() : NodeSet.parse(nodes);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    private static long number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? -1 : ((Number) v).longValue();
    }

    private static Map<String, Integer> counts(Object v) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (v != null) {
            ((Map<?, ?>) v).forEach((k, n) -> out.put(k.toString(), ((Number) n).intValue()));
        }
        return out;
    }

    private static Map<String, String> texts(Object v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v != null) {
            ((Map<?, ?>) v).forEach((k, s) -> out.put(k.toString(), String.valueOf(s)));
        }
        return out;
    }

    private static List<Effects.WrittenFile> files(Object v) {
        List<Effects.WrittenFile> out = new ArrayList<>();
        if (v != null) {
            for (Object f : (List<?>) v) {
                Map<?, ?> m = (Map<?, ?>) f;
                out.add(new Effects.WrittenFile(text(m, "path"), text(m, "backup"), text(m, "host")));
            }
        }
        return out;
    }
}
