package herd.session;

import herd.error.HerdException;
import herd.inventory.Bmc;
import herd.inventory.Inventory;
import herd.inventory.Node;
import herd.inventory.Ssh;
import herd.nodeset.GroupSource;
import herd.nodeset.NodeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The session commands: use, nodes, groups, show, set, unset (docs/shell.md). */
@Component
public class SessionCommands {

    private static final String GROUP = "Session";

    private final Session session;

    public SessionCommands(Session session) {
        this.session = session;
    }

    @Command(name = "use", group = GROUP, description = "Set the target nodeset shown in the prompt",
            help = "Commands that take nodes use the target when none are given. 'use' alone prints it.")
    public void use(@Argument(index = 0, description = "nodeset expression") String nodes,
                    @Option(longName = "none", description = "clear the target") boolean none) {
        if (none) {
            session.use(NodeSet.empty());
        } else if (nodes != null && !nodes.isBlank()) {
            session.use(session.nodes(nodes));
        } else {
            session.out().result(session.target());
        }
    }

    @Command(name = "nodes", group = GROUP, description = "List nodes, folded (default: the target, else all)",
            help = "Examples: nodes @compute | nodes -e valkyrie[01-02] | nodes -l @last:failed")
    public void nodes(@Argument(index = 0, description = "nodeset expression") String nodes,
                      @Option(shortName = 'e', longName = "expand", description = "one name per word") boolean expand,
                      @Option(shortName = 'c', longName = "count", description = "print the count") boolean count,
                      @Option(shortName = 'l', longName = "long", description = "a table with attributes") boolean listing) {
        NodeSet set = nodes != null && !nodes.isBlank() ? session.parse(nodes)
                : session.target().size() > 0 ? session.target() : session.inventory().all();
        Output out = session.out();
        if (count) {
            out.result(Map.of("count", set.size()), String.valueOf(set.size()));
        } else if (listing) {
            out.result(NodeTable.of(session.inventory(), set));
        } else if (expand) {
            out.result(set, String.join(" ", set.expand()));
        } else {
            out.result(set);
        }
    }

    @Command(name = "groups", group = GROUP, description = "List groups and their nodes",
            help = "Inventory groups (@NAME) and the sets published by commands (@last:failed, @power:off).")
    public void groups() {
        Table table = Table.of("group", "nodes", "count");
        herd.nodeset.GroupResolver resolver = session.resolver();
        String def = resolver.defaultSource();
        for (String sourceName : resolver.sourceNames()) {
            GroupSource source = resolver.source(sourceName);
            for (String g : source.groups()) {
                NodeSet members = source.members(g).orElse(NodeSet.empty());
                if (source.name().equals(def) || members.size() > 0) {
                    String name = source.name().equals(def) ? "@" + g : "@" + source.name() + ":" + g;
                    table = table.row(name, members, members.size());
                }
            }
        }
        session.out().result(table);
    }

    @Command(name = "show", group = GROUP, description = "Show one node's inventory entry and settings")
    public void show(@herd.session.Complete(Complete.Kind.NODE) @Argument(index = 0, description = "node name") String node) {
        if (node == null || node.isBlank()) {
            throw new UsageException("show: missing NODE (try 'help show')");
        }
        Inventory inv = session.inventory();
        Node n = inv.require(node);
        Ssh ssh = inv.ssh(node);
        Bmc bmc = inv.bmc(node);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", n.name());
        m.put("ip", n.ip());
        m.put("mac", n.mac());
        m.put("groups", inv.groupsOf(node));
        m.put("profile", inv.profile(node));
        m.put("ssh", ssh.host() == null ? new Ssh(n.ip() == null ? n.name() : n.ip(), ssh.port(), ssh.user(),
                ssh.identity(), ssh.knownHosts(), ssh.hostCa(), ssh.hostCertValidity()) : ssh);
        m.put("bmc", bmc.host() == null ? null : bmc);
        session.out().result(m);
    }

    // The value is taken as written (set TIME_ONESHOT chronyd -q): options of set go before NAME.
    @PassThrough
    @Command(name = "set", group = GROUP, description = "Set a variable ($NAME in later lines) or a setting; alone: list them",
            help = "A name with a dot is a setting, checked when set: ssh.accept-new-host-keys yes|no records"
                    + " unknown host keys in known_hosts (OpenSSH accept-new). 'unset NAME' restores its default."
                    + " Variables of the inventory's variables: section are set when the session starts;"
                    + " 'set -d NAME VALUE' gives a default a batch file can state and an inventory can override.")
    public void set(@Complete(Complete.Kind.VARIABLES) @Argument(index = 0, description = "variable or setting name") String name,
                    @Arguments List<String> words,
                    @Option(shortName = 'd', longName = "default", description = "only if NAME has no value yet (from the inventory or an earlier set)")
                    boolean orDefault) {
        if (name == null || name.isBlank()) {
            Map<String, Object> all = new TreeMap<>(session.variables());
            all.putAll(session.settings().changed());
            session.out().result(all);
            return;
        }
        if (words.size() < 2) {
            throw new UsageException("set: missing VALUE (set NAME VALUE)");
        }
        // "No value yet" as $NAME sees it: no session variable and no environment variable.
        if (orDefault && (name.contains(".") ? session.settings().changed().containsKey(name)
                : session.variable(name).isPresent() || System.getenv(name) != null)) {
            return;
        }
        session.set(name, String.join(" ", words.subList(1, words.size())));
    }

    @Command(name = "unset", group = GROUP, description = "Remove variables")
    public void unset(@Complete(Complete.Kind.VARIABLES) @Arguments List<String> names) {
        if (names.isEmpty()) {
            throw new UsageException("unset: missing NAME");
        }
        for (String n : names) {
            if (!session.unset(n)) {
                throw new HerdException("unset: no variable " + n);
            }
        }
    }

    /** The {@code nodes -l} table. */
    static final class NodeTable {
        private NodeTable() {
        }

        static Table of(Inventory inv, NodeSet set) {
            Table t = Table.of("node", "ip", "mac", "groups", "bmc", "profile");
            for (String name : set.expand()) {
                Node n = inv.node(name).orElse(null);
                Bmc bmc = inv.bmc(name);
                t = t.row(name, n == null ? null : n.ip(), n == null ? null : n.mac(), inv.groupsOf(name),
                        bmc.host() == null ? null : bmc.host() + ":" + bmc.port(), inv.profile(name));
            }
            return t;
        }
    }
}
