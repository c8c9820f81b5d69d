package herd.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which command lines change something (nodes, BMCs, files), and so are checked against the audit
 * log before they run and leave one record when they end. Every command of the shell is either
 * here or in {@link #READ_ONLY}: AuditPolicyTest holds the command registry against both lists,
 * so a new command cannot be forgotten.
 *
 * <pre>{@code
 * AuditPolicy.changes("power", List.of("status"), Set.of())      // false
 * AuditPolicy.changes("dhcp add", List.of("n5"), Set.of("apply")) // true
 * }</pre>
 */
public final class AuditPolicy {

    /**
     * The changing commands, each with the first arguments and the flags that make a line of it read
     * only ({@code power status}, {@code console --follow}); {@code --dry-run} always does.
     */
    private static final Map<String, Rule> CHANGING = Map.ofEntries(
            Map.entry("exec", Rule.ALWAYS),
            Map.entry("copy", Rule.ALWAYS),
            Map.entry("rcopy", Rule.ALWAYS),
            Map.entry("power", new Rule(Set.of("status"), Set.of())),
            Map.entry("bootdev", new Rule(Set.of("status"), Set.of())),
            Map.entry("console", new Rule(Set.of(), Set.of("follow"))),
            Map.entry("dhcp add", Rule.ALWAYS),
            Map.entry("dhcp remove", Rule.ALWAYS),
            Map.entry("dhcp set", Rule.ALWAYS),
            Map.entry("dns add", Rule.ALWAYS),
            Map.entry("dns remove", Rule.ALWAYS),
            Map.entry("hosts add", Rule.ALWAYS),
            Map.entry("hosts remove", Rule.ALWAYS),
            Map.entry("hostkeys forget", Rule.ALWAYS),
            Map.entry("hostkeys ca init", Rule.ALWAYS),
            Map.entry("net sync", Rule.ALWAYS),
            Map.entry("pxe render", Rule.ALWAYS),
            Map.entry("deploy", Rule.ALWAYS));

    /** The commands that change nothing outside herd's own session. */
    public static final Set<String> READ_ONLY = Set.of(
            "audit", "bmc info", "connections", "deploy status", "dhcp list", "dhcp show", "dns list", "echo", "exit", "fg",
            "follow", "groups", "help", "history", "hostkeys scan", "hostkeys show", "hosts list", "jobs", "net check",
            "net import", "nodes", "nodeset", "pxe show", "set", "show", "sleep", "source", "stop", "unset", "use",
            "version");

    private AuditPolicy() {
    }

    /** The commands that can change something (the ones {@link #changes} may say yes to). */
    public static Set<String> changing() {
        return CHANGING.keySet();
    }

    /**
     * Whether a line of {@code command} with these arguments and flags changes something.
     *
     * @param flags the long names of the flags given ({@code dry-run}, {@code follow})
     */
    public static boolean changes(String command, List<String> arguments, Set<String> flags) {
        Rule rule = CHANGING.get(command);
        if (rule == null || flags.contains("dry-run")) {
            return false;
        }
        return !(!arguments.isEmpty() && rule.readOnlyFirst().contains(arguments.get(0)))
                && flags.stream().noneMatch(rule.readOnlyFlags()::contains);
    }

    /** What makes a line of a changing command read only. */
    private record Rule(Set<String> readOnlyFirst, Set<String> readOnlyFlags) {
        static final Rule ALWAYS = new Rule(Set.of(), Set.of());
    }
}
