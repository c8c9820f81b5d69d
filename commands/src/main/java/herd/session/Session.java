package herd.session;

import herd.error.HerdException;
import herd.inventory.Inventory;
import herd.nodeset.GroupResolver;
import herd.nodeset.GroupSource;
import herd.nodeset.NodeSet;
import herd.nodeset.NodeSetException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What lives between commands of one shell: the inventory, the target nodeset, variables, the
 * group sets commands published ({@code @last:failed}), and session-scoped resources such as
 * connection pools. One per shell process; command adapters get it by constructor injection.
 *
 * <pre>{@code
 * NodeSet nodes = session.nodes(nodesOption);          // null or blank: the current target
 * SshPool pool = session.resource(SshPool.class, () -> new SshPool(session.inventory()));
 * session.conclude("exec", outcomes);                  // @last:..., throws when a node failed
 * }</pre>
 *
 * Not thread-safe for writers: the shell runs one command at a time; engines' worker threads only
 * read what the adapter hands them.
 */
public final class Session implements AutoCloseable {

    /** The group source holding the last fan-out's outcome sets. */
    public static final String LAST = "last";

    private final Inventory inventory;
    private final Map<String, GroupSource> published = new LinkedHashMap<>();
    private final Map<String, String> variables = new TreeMap<>();
    private final SessionSettings settings = new SessionSettings();
    private final Map<Class<?>, AutoCloseable> resources = new LinkedHashMap<>();
    private NodeSet target = NodeSet.empty();
    private OutcomeSet last = OutcomeSet.empty();
    private Output out;
    private Cancellation cancellation = Cancellation.create();
    private Effects effects = new Effects();
    private boolean oneLine;

    public Session(Inventory inventory) {
        this.inventory = inventory;
        variables.putAll(inventory.variables());
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Marks a session that ends after one line ({@code herd -c}): nothing it starts outlives that line. */
    public void markOneLine() {
        oneLine = true;
    }

    /** True under {@code herd -c}, so a command that would leave work running can refuse it. */
    public boolean oneLine() {
        return oneLine;
    }

    /** Inventory groups (the default source) plus every published source ({@code last}, ...). */
    public GroupResolver resolver() {
        GroupResolver resolver = inventory.groupResolver();
        for (GroupSource source : published.values()) {
            resolver = resolver.with(source);
        }
        return resolver;
    }

    /** The current target ({@code use}); empty when none is set. */
    public NodeSet target() {
        return target;
    }

    public void use(NodeSet nodes) {
        this.target = nodes;
    }

    /**
     * The nodes a command works on: {@code expression} parsed with {@link #resolver()}, or the
     * target when the expression is null or blank. Throws {@link UsageException} when that is empty.
     */
    public NodeSet nodes(String expression) {
        NodeSet nodes = expression == null || expression.isBlank() ? target : parse(expression);
        if (nodes.size() == 0) {
            throw new UsageException(expression == null || expression.isBlank()
                    ? "no nodes given and no target set (use NODESET, or give -w NODESET)"
                    : "\"" + expression + "\" names no node");
        }
        effects.resolved(nodes);
        return nodes;
    }

    /** Parses a nodeset expression against the session's groups; errors become {@link UsageException}. */
    public NodeSet parse(String expression) {
        try {
            return NodeSet.parse(expression, resolver());
        } catch (NodeSetException e) {
            throw new UsageException(unpublished(e.part()).orElse(e.getMessage()));
        }
    }

    /** Why a published source is missing, when {@code source} is one that no command has set yet. */
    private Optional<String> unpublished(String source) {
        if (published.containsKey(source)) {
            return Optional.empty();
        }
        return switch (source) {
            case LAST -> Optional.of("@last: no command has set outcome sets yet (exec, copy, rcopy, power, bootdev,"
                    + " console --log and deploy set @last:ok, @last:failed, ...)");
            case "power" -> Optional.of("@power: no power command has reported states yet (power status sets @power:on, @power:off)");
            default -> Optional.empty();
        };
    }

    // ---- variables ($NAME in later lines) ----

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** The typed settings ({@code set ssh.accept-new-host-keys yes}). */
    public SessionSettings settings() {
        return settings;
    }

    /** A variable, or with a dotted name a declared setting ({@link SessionSettings#set(String, String)}). */
    public void set(String name, String value) {
        if (name.contains(".")) {
            settings.set(name, value);
            return;
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UsageException("bad variable name \"" + name + "\": letters, digits and _ only");
        }
        variables.put(name, value);
    }

    public boolean unset(String name) {
        if (name.contains(".")) {
            return settings.unset(name);
        }
        return variables.remove(name) != null;
    }

    // ---- outcomes and published sets ----

    /** The last fan-out's outcomes (empty before the first one). */
    public OutcomeSet last() {
        return last;
    }

    /** Publishes named node sets as the group source {@code source}: {@code @power:off}. */
    public void publish(String source, Map<String, ? extends Collection<String>> groups) {
        published.put(source, new PublishedGroups(source, groups));
    }

    /**
     * Ends a fan-out: its outcomes become {@code @last:...}; throws {@link CancelledException}
     * after Ctrl-C and {@link HerdException} ("2 of 5 nodes failed") when a node is not ok.
     */
    public void conclude(String command, OutcomeSet outcomes) {
        last = outcomes;
        effects.concluded(outcomes);
        publish(LAST, outcomes.groups());
        long failed = outcomes.outcomes().stream().filter(o -> !o.ok()).count();
        if (cancellation.isCancelled()) {
            throw new CancelledException(command + ": cancelled (" + (outcomes.size() - failed) + " of "
                    + outcomes.size() + " " + Count.noun(outcomes.size(), "node") + " ok)");
        }
        if (failed > 0) {
            throw new HerdException(command + ": " + failed + " of " + outcomes.size()
                    + " " + Count.noun(outcomes.size(), "node") + " failed (see @last:failed)");
        }
    }

    // ---- resources ----

    /**
     * The session's one instance of {@code type}, made by {@code factory} on first use and closed
     * when the session closes (in reverse order of creation).
     */
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> factory) {
        return type.cast(resources.computeIfAbsent(type, t -> factory.get()));
    }

    /** The resources made so far, by type name, oldest first ({@code herd session status}). */
    public java.util.List<String> resourceNames() {
        return resources.keySet().stream().map(Class::getSimpleName).toList();
    }

    // ---- the running command (set by the shell) ----

    /** The running command's output. */
    public Output out() {
        if (out == null) {
            throw new IllegalStateException("no command is running");
        }
        return out;
    }

    /** The running command's Ctrl-C token. */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** What the running command did so far (nodes, outcomes, files), for the audit log. */
    public Effects effects() {
        return effects;
    }

    /** Called by the shell around each command: binds its output and Ctrl-C token. */
    public Scope enter(Output output, Cancellation token) {
        return enter(output, token, new Effects());
    }

    /** Like {@link #enter(Output, Cancellation)}, collecting what the command does in {@code into}. */
    public Scope enter(Output output, Cancellation token, Effects into) {
        Output previousOut = this.out;
        Cancellation previousToken = this.cancellation;
        Effects previousEffects = this.effects;
        this.out = output;
        this.cancellation = token;
        this.effects = into;
        return () -> {
            this.out = previousOut;
            this.cancellation = previousToken;
            this.effects = previousEffects;
        };
    }

    /** Closes every resource, newest first; the first failure is rethrown after all were tried. */
    @Override
    public void close() {
        Deque<AutoCloseable> stack = new ArrayDeque<>(resources.values());
        resources.clear();
        RuntimeException first = null;
        while (!stack.isEmpty()) {
            try {
                stack.removeLast().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new HerdException("closing session: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The binding of one command; closing it restores the previous one (nested {@code source}). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
