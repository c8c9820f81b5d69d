package herd.shell;

import herd.shell.command.CommandSpec;
import herd.shell.command.HerdCommand;
import herd.shell.command.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text of {@code help} (commands by group) and {@code help CMD} (usage, options, paragraph). */
public final class HelpText {

    private final Commands commands;

    public HelpText(Commands commands) {
        this.commands = commands;
    }

    public List<String> overview() {
        Map<String, List<HerdCommand>> groups = new TreeMap<>();
        int width = 0;
        for (HerdCommand c : commands.all()) {
            groups.computeIfAbsent(c.getGroup(), g -> new ArrayList<>()).add(c);
            width = Math.max(width, c.getName().length());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<HerdCommand>> g : groups.entrySet()) {
            out.add(g.getKey());
            for (HerdCommand c : g.getValue()) {
                out.add("  " + pad(c.getName(), width + 2) + c.getDescription());
            }
            out.add("");
        }
        out.add("Every command takes --json (results as JSON Lines) and --help. 'help COMMAND' for details.");
        return out;
    }

    /** {@code help FAMILY}: the family's subcommands with their summaries; empty when {@code family} is none. */
    public List<String> family(String family) {
        List<HerdCommand> members = commands.all().stream().filter(c -> c.getName().startsWith(family + " "))
                .sorted(java.util.Comparator.comparing(HerdCommand::getName)).toList();
        if (members.isEmpty()) {
            return List.of();
        }
        int width = members.stream().mapToInt(c -> c.getName().length()).max().orElse(0);
        List<String> out = new ArrayList<>();
        out.add(family + ": one of these subcommands");
        members.forEach(c -> out.add("  " + pad(c.getName(), width + 2) + c.getDescription()));
        out.add("");
        out.add("'help " + members.get(0).getName() + "' (or any of them) for its options.");
        return out;
    }

    public List<String> command(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        out.add("usage: " + spec.usage() + " [--json]");
        out.add("");
        out.add(spec.description());
        List<String[]> rows = new ArrayList<>();
        for (ParamSpec a : spec.arguments()) {
            rows.add(new String[] {a.name().toUpperCase(java.util.Locale.ROOT) + (a.rest() ? "..." : ""),
                    describe(a)});
        }
        for (ParamSpec o : spec.options()) {
            rows.add(new String[] {o.usage(), describe(o)});
        }
        rows.add(new String[] {"--json", "print results as JSON Lines"});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        out.add("");
        rows.forEach(r -> out.add(("  " + pad(r[0], width + 2) + r[1]).stripTrailing()));
        if (!spec.help().isBlank()) {
            out.add("");
            out.add(spec.help().strip());
        }
        if (spec.passThrough()) {
            out.add("");
            out.add("Words from the first argument on are passed through untouched, -x words included.");
        }
        return out;
    }

    /** A parameter's help: its description, choices, default and whether it is required (also for man pages). */
    public static String describe(ParamSpec p) {
        String d = p.description();
        if (!p.values().isEmpty()) {
            d += (d.isEmpty() ? "" : " ") + "(" + String.join("|", p.values()) + ")";
        }
        if (!p.defaultValue().isEmpty()) {
            d += " [default: " + p.defaultValue() + "]";
        }
        return p.required() ? d + " (required)" : d;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
