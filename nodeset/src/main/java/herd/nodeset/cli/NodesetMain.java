package herd.nodeset.cli;

import herd.nodeset.NodeSetException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The standalone {@code nodeset} command, compatible with ClusterShell 1.9.1 (same options,
 * same standard output byte for byte, same zero/non-zero status). No Spring: a small call
 * finishes in about 0.1 s.
 *
 * <pre>{@code
 * java -cp herd-nodeset.jar herd.nodeset.cli.NodesetMain -f 'n[1-5]' n7   # n[1-5,7]
 * int rc = NodesetMain.run(new String[] {"-c", "n[1-9]"}, System.in, out, err);
 * }</pre>
 */
public final class NodesetMain {
    static final String USAGE = "Usage: nodeset [COMMAND] [OPTIONS] [ns1 [-ixX] ns2|...]";

    private NodesetMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int rc = run(args, System.in, out, err);
        out.flush();
        System.exit(rc);
    }

    /** Runs one nodeset command in-process; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        NodesetOptions opts;
        try {
            opts = NodesetOptions.parse(args);
            if (opts.help) {
                out.print(Help.TEXT);
                return 0;
            }
            if (opts.version) {
                out.println("nodeset 1.9.1 (herd)");
                return 0;
            }
            opts = NodesetCommand.validate(opts);
        } catch (NodesetOptions.UsageException e) {
            err.println(USAGE);
            err.println();
            err.println("nodeset: error: " + e.getMessage());
            return 2;
        }
        try {
            LazyResolver resolver = new LazyResolver(opts.groupsConf, opts.groupSource);
            new NodesetCommand(opts, resolver, in, out, err).execute();
            out.flush();
            return 0;
        } catch (NodeSetException e) {
            out.flush();
            err.println("nodeset: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            out.flush();
            err.println("nodeset: " + e.getMessage());
            return 1;
        }
    }
}
