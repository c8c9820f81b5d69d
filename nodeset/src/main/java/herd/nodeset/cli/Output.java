package herd.nodeset.cli;

import herd.nodeset.NodeSet;

/** Renders one result line for -e, -f, -r or -c, as ClusterShell 1.9.1 prints it. */
final class Output {
    private final NodesetOptions opts;
    private final String separator;
    private final int autostep;
    private final LazyResolver resolver;

    Output(NodesetOptions opts, String separator, int autostep, LazyResolver resolver) {
        this.opts = opts;
        this.separator = separator;
        this.autostep = autostep;
        this.resolver = resolver;
    }

    /** The set of formatted node names, as ClusterShell folds -f with -O. */
    Xset reformat(Xset x) {
        NodeSet.Builder b = new NodeSet.Builder();
        for (String s : x.items()) {
            b.add(PyText.format(opts.outputFormat, s));
        }
        return new Xset.Nodes(b.build(), ((Xset.Nodes) x).resolver());
    }

    /** One output line; {@code axis} applies only to a whole, unformatted set. */
    String render(Xset x, int[] axis) {
        return render(x, axis, autostep);
    }

    /** One output line with an explicit autostep (contiguous pieces print without one). */
    String render(Xset x, int[] axis, int autostep) {
        String fmt = opts.outputFormat;
        if (opts.expand) {
            StringBuilder sb = new StringBuilder();
            boolean plain = fmt.equals("%s");
            boolean first = true;
            for (String s : x.items()) {
                if (!first) {
                    sb.append(separator);
                }
                first = false;
                sb.append(plain ? s : PyText.format(fmt, s));
            }
            return sb.toString();
        }
        if (opts.fold) {
            if (x instanceof Xset.Nodes) {
                return x.fold(autostep, fmt.equals("%s") ? axis : null);
            }
            return PyText.format(fmt, x.fold(autostep, axis));
        }
        if (opts.regroup) {
            NodeSet set = ((Xset.Nodes) x).set();
            return PyText.format(fmt, new Regrouper(resolver.get(), opts.groupSource, opts.groupBase).regroup(set, autostep));
        }
        return PyText.format(fmt, x.count());
    }
}
