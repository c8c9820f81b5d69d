package herd.nodeset.cli;

import herd.nodeset.NodeSet;
import herd.nodeset.RangeSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** One nodeset run: gather operands, apply operations, print as ClusterShell 1.9.1 does. */
final class NodesetCommand {
    private final NodesetOptions opts;
    private final LazyResolver resolver;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private int autostep = RangeSet.AUTOSTEP_OFF;

    NodesetCommand(NodesetOptions opts, LazyResolver resolver, InputStream in, PrintStream out, PrintStream err) {
        this.opts = opts;
        this.resolver = resolver;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    static NodesetOptions validate(NodesetOptions o) {
        int commands = (o.count ? 1 : 0) + (o.expand ? 1 : 0) + (o.fold ? 1 : 0) + (o.list > 0 ? 1 : 0)
                + (o.listAll > 0 ? 1 : 0) + (o.regroup ? 1 : 0) + (o.groupSources ? 1 : 0);
        if (commands == 0) {
            throw new NodesetOptions.UsageException("No command specified.");
        }
        if (commands > 1) {
            throw new NodesetOptions.UsageException("Multiple commands not allowed.");
        }
        if ((o.all || o.regroup) && o.rangeset) {
            throw new NodesetOptions.UsageException("-a/-r only supported in NodeSet mode");
        }
        if (o.maxSplit != null && o.contiguous) {
            throw new NodesetOptions.UsageException("incompatible splitting options (split, contiguous)");
        }
        if (o.axis != null && (!o.fold || o.rangeset)) {
            throw new NodesetOptions.UsageException("--axis option is only supported when folding nodeset");
        }
        return o;
    }

    void execute() {
        if (opts.groupSource != null && !opts.quiet && opts.rangeset) {
            err.println("WARNING: option group source \"" + opts.groupSource + "\" ignored");
        }
        if (opts.groupSource != null) {
            resolver.get(); // an unknown -s source is an error even when no group is used
        }
        if (opts.groupSources) {
            String mark = opts.quiet ? "" : " (default)";
            for (String s : resolver.get().sourceNames()) {
                out.println(s + mark);
                mark = "";
            }
            return;
        }
        if (opts.autostep != null && !opts.autostep.equals("auto") && !opts.autostep.contains("%")) {
            autostep = Math.max(1, Integer.parseInt(opts.autostep.strip()));
        }
        Xset xset = opts.rangeset ? new Xset.Ranges(RangeSet.empty()) : new Xset.Nodes(NodeSet.empty(), resolver);
        if (opts.all) {
            xset = new Xset.Nodes(resolver.get().allNodes(null), resolver);
        }
        if (opts.args.isEmpty() && !opts.all && opts.list == 0 && opts.listAll == 0) {
            xset = stdin(xset, ',');
        }
        boolean hasOps = !opts.setOps.isEmpty();
        if (xset.isEmpty() && hasOps && !opts.quiet) {
            err.println("WARNING: empty left operand for set operation");
        }
        for (String kind : List.of("i", "x", "X")) {
            for (String[] op : opts.setOps) {
                if (op[0].equals(kind)) {
                    char c = kind.equals("i") ? '&' : kind.equals("x") ? '!' : '^';
                    xset = op[1].equals("-") ? stdin(xset, c) : xset.op(c, xset.parse(op[1]));
                }
            }
        }
        xset = positional(xset, new ArrayList<>(opts.args));
        if (opts.list > 0 || opts.listAll > 0) {
            new GroupLister(opts, resolver.get(), out, err).list(xset);
            return;
        }
        print(xset);
    }

    private Xset positional(Xset xset, List<String> args) {
        while (!args.isEmpty()) {
            String arg = args.remove(0);
            char op = switch (arg) {
                case "-i", "--intersection" -> '&';
                case "-x", "--exclude" -> '!';
                case "-X", "--xor" -> '^';
                default -> 0;
            };
            if (op != 0) {
                if (args.isEmpty()) {
                    throw new IllegalArgumentException(arg + ": missing operand");
                }
                String val = args.remove(0);
                xset = val.equals("-") ? stdin(xset, op) : xset.op(op, lines(xset, val));
            } else if (arg.equals("-")) {
                xset = stdin(xset, ',');
            } else {
                xset = xset.op(',', lines(xset, arg));
            }
        }
        return xset;
    }

    /** What Python's str.splitlines() breaks on: Java's \\R plus the file, group and record separators. */
    private static final String PYTHON_LINE_BREAK = "\r\n|[\n\u000b\u000c\r\u001c\u001d\u001e\u0085\u2028\u2029]";

    /** Each line of an operand is one expression (Python splitlines: no line after a final newline). */
    private static Xset lines(Xset kind, String text) {
        Xset acc = kind.empty();
        String[] parts = text.split(PYTHON_LINE_BREAK, -1);
        int n = text.isEmpty() ? 0 : parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        for (int i = 0; i < n; i++) {
            acc = acc.op(',', kind.parse(parts[i]));
        }
        return acc;
    }

    /**
     * Words of stdin, '#' comments removed. ClusterShell 1.9.1 also drops the last character of
     * a final line without newline; herd keeps it.
     */
    private Xset stdin(Xset xset, char op) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Xset tmp = xset.parseWords(text);
        return tmp.isEmpty() ? xset : xset.op(op, tmp);
    }

    private void print(Xset xset) {
        String sep = PyText.unescape(opts.separator);
        if (opts.slice != null && !opts.slice.isEmpty()) {
            xset = xset.select(RangeSet.parse(opts.slice));
        }
        if ("auto".equals(opts.autostep)) {
            autostep = (int) Math.max(3, Math.min(Integer.MAX_VALUE - 1, xset.count()));
        } else if (opts.autostep != null && opts.autostep.contains("%")) {
            double factor = Double.parseDouble(opts.autostep.substring(0, opts.autostep.length() - 1)) / 100.0;
            autostep = (int) Math.max(1, Math.ceil(xset.count() * factor));
        }
        int[] axis = axis();
        if (opts.pick != null && opts.pick != 0 && opts.pick < xset.count()) {
            if (opts.pick < 0) {
                throw new IllegalArgumentException("--pick: negative count " + opts.pick);
            }
            xset = pick(xset, opts.pick);
        }
        Output output = new Output(opts, sep, autostep, resolver);
        if (opts.fold && xset instanceof Xset.Nodes && !opts.outputFormat.equals("%s")) {
            // ClusterShell formats every node first, then folds and splits the new set; a
            // sliced set (-I) has lost a numeric --autostep by then.
            boolean lost = opts.slice != null && !opts.slice.isEmpty() && autostepIsCount();
            xset = output.reformat(xset);
            if (lost) {
                autostep = RangeSet.AUTOSTEP_OFF;
                output = new Output(opts, sep, autostep, resolver);
            }
        }
        if (xset.isEmpty() || (opts.maxSplit == null || opts.maxSplit <= 1) && !opts.contiguous) {
            out.println(output.render(xset, axis));
            return;
        }
        List<Xset> parts = opts.contiguous ? xset.contiguous(autostep) : xset.split(opts.maxSplit);
        for (Xset part : parts) {
            out.println(opts.contiguous ? output.render(part, null, RangeSet.AUTOSTEP_OFF) : output.render(part, null));
        }
    }

    private boolean autostepIsCount() {
        return opts.autostep != null && !opts.autostep.equals("auto") && !opts.autostep.contains("%");
    }

    private int[] axis() {
        if (opts.axis == null) {
            return null;
        }
        if (opts.axis.startsWith("-")) {
            return new int[] {Integer.parseInt(opts.axis.strip())};
        }
        List<Integer> ax = new ArrayList<>();
        for (String a : RangeSet.parse(opts.axis)) {
            long v = Long.parseLong(a);
            if (v > 0) {
                ax.add((int) v - 1);
            }
        }
        return ax.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Xset pick(Xset xset, int n) {
        List<String> all = new ArrayList<>();
        xset.items().forEach(all::add);
        Collections.shuffle(all, new Random());
        return xset.op('&', xset.parse(String.join(",", all.subList(0, Math.max(0, n)))));
    }
}
