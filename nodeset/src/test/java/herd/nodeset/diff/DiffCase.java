package herd.nodeset.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * One nodeset invocation and what ClusterShell printed: args, stdin, status, stdout. Stored as
 * tab-separated lines ("args", "stdin", "rc", "out") with backslash escapes, a blank line after
 * each case; {GC} in an argument stands for the groups.conf of {@link GroupsFixture}.
 */
record DiffCase(List<String> args, String stdin, int rc, String out) {

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    static String unesc(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                sb.append(d == 'n' ? '\n' : d == 't' ? '\t' : d);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String format() {
        StringBuilder sb = new StringBuilder("args");
        for (String a : args) {
            sb.append('\t').append(esc(a));
        }
        sb.append('\n');
        if (!stdin.isEmpty()) {
            sb.append("stdin\t").append(esc(stdin)).append('\n');
        }
        if (rc >= 0) {
            sb.append("rc\t").append(rc).append('\n').append("out\t").append(esc(out)).append('\n');
        }
        return sb.append('\n').toString();
    }

    static List<DiffCase> parseAll(String text) {
        List<DiffCase> out = new ArrayList<>();
        List<String> args = null;
        String stdin = "";
        int rc = -1;
        String stdout = "";
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("args")) {
                args = new ArrayList<>();
                String[] parts = line.split("\t", -1);
                for (int i = 1; i < parts.length; i++) {
                    args.add(unesc(parts[i]));
                }
            } else if (line.startsWith("stdin\t")) {
                stdin = unesc(line.substring(6));
            } else if (line.startsWith("rc\t")) {
                rc = Integer.parseInt(line.substring(3));
            } else if (line.startsWith("out\t")) {
                stdout = unesc(line.substring(4));
            } else if (line.isEmpty() && args != null) {
                out.add(new DiffCase(List.copyOf(args), stdin, rc, stdout));
                args = null;
                stdin = "";
                rc = -1;
                stdout = "";
            }
        }
        return out;
    }

    /** Arguments with {GC} replaced by the fixture's groups.conf path. */
    String[] argv(String groupsConf) {
        return args.stream().map(a -> a.replace("{GC}", groupsConf)).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return String.join(" ", args) + (stdin.isEmpty() ? "" : " <<< " + esc(stdin));
    }
}
