package herd.nodeset.cli;

import herd.nodeset.NodeSet;

/** Renders one result line for -e, -f, -r or -c, as ClusterShell 1.9.1 prints it. */
final class Output {
    private final NodesetOptions opts;
    private final String separator;
    private final int autostep;
    private final int[] axis;
    private final LazyResolver resolver;

    Output(NodesetOptions opts, String separator, int autostep, int[] axis, LazyResolver resolver) {
        this.opts = opts;
        this.separator = separator;
        this.autostep = autostep;
        this.axis = axis;
        this.resolver = resolver;
    }

    String render(Xset x) {
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
            if (x instanceof Xset.Nodes && !fmt.equals("%s")) {
                NodeSet.Builder b = new NodeSet.Builder();
                for (String s : x.items()) {
                    b.add(PyText.format(fmt, s));
                }
                return b.build().fold(autostep, axis);
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
