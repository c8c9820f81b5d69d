package herd.exec;

import herd.session.NodeOutcome;

/**
 * What happens during a run, in order for each node: {@link Started}, any number of {@link Output}
 * lines, one {@link Finished}. Lines are whole: two nodes' partial lines never mix.
 *
 * <pre>{@code
 * ExecListener print = e -> {
 *     if (e instanceof ExecEvent.Output o) System.out.println(o.node() + ": " + o.line());
 * };
 * }</pre>
 */
public sealed interface ExecEvent permits ExecEvent.Started, ExecEvent.Output, ExecEvent.Finished {

    /** The node the event is about. */
    String node();

    /** Which output stream of the remote command a line came from. */
    enum Stream { STDOUT, STDERR }

    /** The node's turn began (connecting, or opening a channel on its open connection). */
    record Started(String node) implements ExecEvent { }

    /** One line of output, without its line end. */
    record Output(String node, Stream stream, String line) implements ExecEvent { }

    /** The node is done. */
    record Finished(NodeOutcome outcome) implements ExecEvent {
        @Override
        public String node() {
            return outcome.node();
        }
    }
}
