package herd.exec;

import java.util.List;

/**
 * Everything one node printed, as lines without line ends.
 *
 * @param stdout lines of standard output
 * @param stderr lines of standard error
 */
public record NodeOutput(List<String> stdout, List<String> stderr) {

    public static final NodeOutput NONE = new NodeOutput(List.of(), List.of());

    public NodeOutput {
        stdout = List.copyOf(stdout);
        stderr = List.copyOf(stderr);
    }
}
