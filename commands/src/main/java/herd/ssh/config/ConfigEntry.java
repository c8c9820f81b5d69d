package herd.ssh.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One meaningful part of an ssh_config file, as read once: a run of {@code Host} blocks, a
 * {@code Match} line, a setting herd uses (outside any Host block, or after a Match or Include),
 * or an {@code Include} with the files it read. {@link Resolution} walks these in order for each host.
 */
sealed interface ConfigEntry {

    /** The settings herd takes from ssh_config. */
    enum Key { HOSTNAME, USER, PORT, IDENTITYFILE, PROXYJUMP }

    /** A {@code Host} line and the settings under it, up to the next Host, Match or Include line. */
    record Block(Patterns patterns, List<Setting> settings) { }

    /**
     * Consecutive Host blocks. Blocks whose patterns are all plain names are indexed by name, so a
     * pass finds the blocks of a host without testing a thousand patterns; blocks with wildcards or
     * exclusions are tested one by one.
     */
    record Hosts(List<Block> blocks, Map<String, int[]> byName, int[] patterned) implements ConfigEntry {

        static Hosts of(List<Block> blocks) {
            Map<String, List<Integer>> names = new HashMap<>();
            List<Integer> patterned = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                List<String> plain = blocks.get(i).patterns().plainNames();
                if (plain == null) {
                    patterned.add(i);
                    continue;
                }
                for (String name : plain) {
                    List<Integer> at = names.computeIfAbsent(name, k -> new ArrayList<>());
                    if (at.isEmpty() || at.get(at.size() - 1) != i) {
                        at.add(i);
                    }
                }
            }
            Map<String, int[]> byName = new HashMap<>();
            names.forEach((name, at) -> byName.put(name, ints(at)));
            return new Hosts(List.copyOf(blocks), Map.copyOf(byName), ints(patterned));
        }

        /** The indexes of the blocks whose Host line matches {@code name}, in file order. */
        int[] matching(String name) {
            int[] named = byName.getOrDefault(name, new int[0]);
            int[] out = new int[named.length + patterned.length];
            int n = 0;
            int a = 0;
            for (int p : patterned) {
                if (blocks.get(p).patterns().matches(name)) {
                    while (a < named.length && named[a] < p) {
                        out[n++] = named[a++];
                    }
                    out[n++] = p;
                }
            }
            while (a < named.length) {
                out[n++] = named[a++];
            }
            return Arrays.copyOf(out, n);
        }

        private static int[] ints(List<Integer> list) {
            return list.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A {@code Match} line. */
    record Match(MatchCondition condition) implements ConfigEntry { }

    /**
     * A setting; {@code userFile} tells the user's files from the system's (OpenSSH keeps an
     * IdentityFile named in both), {@code where} is "FILE:LINE" for errors found when it applies.
     */
    record Setting(Key key, String value, boolean userFile, String where) implements ConfigEntry { }

    /** An {@code Include}: the entries of each file it named, in sorted file order. */
    record Include(List<List<ConfigEntry>> files) implements ConfigEntry { }
}
