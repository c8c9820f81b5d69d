package herd.shell;

import herd.shell.command.HerdCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every command of the shell by name; commands have one or more words ({@code power on}).
 */
public final class Commands {

    private final Map<String, HerdCommand> byName = new TreeMap<>();

    public Commands(Collection<HerdCommand> commands) {
        for (HerdCommand c : commands) {
            for (String name : names(c)) {
                HerdCommand old = byName.put(name, c);
                if (old != null) {
                    throw new IllegalStateException("command '" + name + "' is declared twice");
                }
            }
        }
    }

    private static List<String> names(HerdCommand c) {
        List<String> names = new ArrayList<>(List.of(c.getName()));
        names.addAll(c.getAliases());
        return names;
    }

    /** Every command once (aliases not repeated), by name. */
    public Collection<HerdCommand> all() {
        return byName.values().stream().distinct().toList();
    }

    public Optional<HerdCommand> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The command whose words are the longest prefix of {@code words}. */
    public Optional<HerdCommand> longestMatch(List<String> words) {
        int n = matchLength(words);
        return n == 0 ? Optional.empty() : Optional.of(byName.get(String.join(" ", words.subList(0, n))));
    }

    /** How many leading words name a command (0 when none). */
    public int matchLength(List<String> words) {
        for (int n = words.size(); n > 0; n--) {
            if (byName.containsKey(String.join(" ", words.subList(0, n)))) {
                return n;
            }
        }
        return 0;
    }

    /** True when some command starts with the word {@code first} followed by more words. */
    public boolean isPrefix(String first) {
        return byName.keySet().stream().anyMatch(n -> n.startsWith(first + " "));
    }

    /** The next words that can follow {@code typed} words (command names only), sorted. */
    public List<String> completions(List<String> typed) {
        String prefix = typed.isEmpty() ? "" : String.join(" ", typed) + " ";
        TreeSet<String> next = new TreeSet<>();
        for (String name : byName.keySet()) {
            if (name.startsWith(prefix)) {
                next.add(name.substring(prefix.length()).split(" ")[0]);
            }
        }
        return new ArrayList<>(next);
    }
}
