package herd.nodeset.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Command line of {@code nodeset}, parsed like Python's optparse as ClusterShell 1.9.1
 * configures it: clustered short options, attached or separate values, unique long-option
 * prefixes, and option parsing stops at the first operand.
 */
final class NodesetOptions {
    /** A usage error: exit status 2, like optparse. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    boolean count;
    boolean expand;
    boolean fold;
    int list;
    int listAll;
    boolean regroup;
    boolean groupSources;
    boolean all;
    String autostep;
    boolean debug;
    boolean quiet;
    boolean rangeset;
    boolean groupBase;
    String separator = " ";
    String outputFormat = "%s";
    String slice;
    Integer maxSplit;
    boolean contiguous;
    String axis;
    Integer pick;
    String groupSource;
    String groupsConf;
    boolean version;
    boolean help;
    final List<String[]> setOps = new ArrayList<>();
    final List<String> args = new ArrayList<>();

    private static final Map<String, String> LONG = new TreeMap<>();
    private static final String SHORT_FLAGS = "cefLlrsadqRGSOIxiX";

    static {
        for (String s : new String[] {"count:c", "expand:e", "fold:f", "list:l", "list-all:L", "regroup:r",
            "list-sources:sources", "groupsources:sources", "all:a", "autostep:autostep=", "debug:d",
            "quiet:q", "rangeset:R", "groupbase:G", "separator:S", "output-format:O", "slice:I",
            "split:split=", "contiguous:contiguous", "axis:axis=", "pick:pick=", "groupsource:s",
            "groupsconf:groupsconf=", "exclude:x", "intersection:i", "xor:X", "version:version",
            "help:h"}) {
            int c = s.indexOf(':');
            LONG.put(s.substring(0, c), s.substring(c + 1));
        }
    }

    static NodesetOptions parse(String[] argv) {
        NodesetOptions o = new NodesetOptions();
        int i = 0;
        while (i < argv.length) {
            String a = argv[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (a.startsWith("--")) {
                i = o.longOption(argv, i);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = o.shortOptions(argv, i);
            } else {
                break;
            }
        }
        for (; i < argv.length; i++) {
            o.args.add(argv[i]);
        }
        return o;
    }

    private int longOption(String[] argv, int i) {
        String a = argv[i].substring(2);
        String value = null;
        int eq = a.indexOf('=');
        if (eq >= 0) {
            value = a.substring(eq + 1);
            a = a.substring(0, eq);
        }
        String name = a;
        List<String> matches = new ArrayList<>();
        for (String k : LONG.keySet()) {
            if (k.equals(name)) {
                matches.clear();
                matches.add(k);
                break;
            }
            if (k.startsWith(name)) {
                matches.add(k);
            }
        }
        if (matches.isEmpty()) {
            throw new UsageException("no such option: --" + name);
        }
        if (matches.size() > 1 && !allSame(matches)) {
            throw new UsageException("ambiguous option: --" + name + " (" + String.join(", ", matches.stream().map(m -> "--" + m).toList()) + "?)");
        }
        String target = LONG.get(matches.get(0));
        String opt = "--" + matches.get(0);
        boolean takes = takesValue(target);
        if (!takes && value != null) {
            throw new UsageException(opt + " option does not take a value");
        }
        if (takes && value == null) {
            if (i + 1 >= argv.length) {
                throw new UsageException(opt + " option requires 1 argument");
            }
            value = argv[++i];
        }
        apply(target, opt, value);
        return i + 1;
    }

    private static boolean allSame(List<String> matches) {
        return matches.stream().map(LONG::get).distinct().count() == 1;
    }

    private static boolean takesValue(String target) {
        return target.endsWith("=") || "SOIxiXs".contains(target) && target.length() == 1;
    }

    private int shortOptions(String[] argv, int i) {
        String a = argv[i];
        for (int k = 1; k < a.length(); k++) {
            char c = a.charAt(k);
            if (SHORT_FLAGS.indexOf(c) < 0 && c != 'h') {
                throw new UsageException("no such option: -" + c);
            }
            String target = String.valueOf(c);
            if (takesValue(target)) {
                String value;
                if (k + 1 < a.length()) {
                    value = a.substring(k + 1);
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new UsageException("-" + c + " option requires 1 argument");
                }
                apply(target, "-" + c, value);
                return i + 1;
            }
            apply(target, "-" + c, null);
        }
        return i + 1;
    }

    private void apply(String target, String opt, String value) {
        switch (target) {
            case "c" -> count = true;
            case "e" -> expand = true;
            case "f" -> fold = true;
            case "l" -> list++;
            case "L" -> listAll++;
            case "r" -> regroup = true;
            case "sources" -> groupSources = true;
            case "a" -> all = true;
            case "autostep=" -> autostep = checkAutostep(opt, value);
            case "d" -> debug = true;
            case "q" -> quiet = true;
            case "R" -> rangeset = true;
            case "G" -> groupBase = true;
            case "S" -> separator = value;
            case "O" -> outputFormat = value;
            case "I" -> slice = value;
            case "split=" -> maxSplit = integer(opt, value);
            case "contiguous" -> contiguous = true;
            case "axis=" -> axis = value;
            case "pick=" -> pick = integer(opt, value);
            case "s" -> groupSource = safeString(opt, value);
            case "groupsconf=" -> groupsConf = value;
            case "x", "i", "X" -> setOps.add(new String[] {target, value});
            case "version" -> version = true;
            case "h" -> help = true;
            default -> throw new UsageException("no such option: " + opt);
        }
    }

    /** ClusterShell's "safestring" option type: neither empty nor looking like an option. */
    private static String safeString(String opt, String value) {
        if (value.isEmpty() || value.startsWith("-")) {
            throw new UsageException("option " + opt + ": invalid value: '" + value + "'");
        }
        return value;
    }

    private static Integer integer(String opt, String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + opt + ": invalid integer value: '" + value + "'");
        }
    }

    private static String checkAutostep(String opt, String value) {
        try {
            if (value.contains("%")) {
                Double.parseDouble(value.substring(0, value.length() - 1));
            } else {
                Integer.parseInt(value.strip());
            }
            return value;
        } catch (NumberFormatException e) {
            if (value.equals("auto")) {
                return value;
            }
            throw new UsageException("option " + opt + ": invalid value: '" + value
                    + "', should be node count, node percentage or 'auto'");
        }
    }
}
