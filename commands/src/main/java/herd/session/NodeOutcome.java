package herd.session;

import java.util.Objects;

/**
 * One node's result in a fan-out: {@code new NodeOutcome("valkyrie03", Reason.FAILED, 1, "exit 1")}.
 *
 * @param node     the node name
 * @param reason   how it ended
 * @param exitCode the remote exit code when {@code reason.hasExitCode()}, else {@link #NO_EXIT_CODE}
 * @param detail   one line for people: "exit 1", "connection refused", "timed out after 30 s"
 */
public record NodeOutcome(String node, Reason reason, int exitCode, String detail) {

    /** The exit code of an outcome that has none (the node never ran the command to its end). */
    public static final int NO_EXIT_CODE = -1;

    public NodeOutcome {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (reason.hasExitCode() != (exitCode >= 0)) {
            throw new IllegalArgumentException(node + ": exit code " + exitCode + " does not fit reason " + reason);
        }
    }

    /** A node that ran the command: OK for exit 0, FAILED ("exit N") otherwise. */
    public static NodeOutcome exited(String node, int exitCode) {
        return exitCode == 0
                ? new NodeOutcome(node, Reason.OK, 0, "ok")
                : new NodeOutcome(node, Reason.FAILED, exitCode, "exit " + exitCode);
    }

    /** A node that did not get to an exit code. */
    public static NodeOutcome without(String node, Reason reason, String detail) {
        return new NodeOutcome(node, reason, NO_EXIT_CODE, detail);
    }

    public boolean ok() {
        return reason == Reason.OK;
    }

    /**
     * The detail without the node's own name, so that it folds across nodes as any other detail:
     * "unreachable: unknown host nosuchnode1" on nosuchnode1 is "unreachable: unknown host".
     */
    public String foldedDetail() {
        if (!detail.contains(node)) {
            return detail;
        }
        String name = "(?<![\\w.-])" + java.util.regex.Pattern.quote(node) + "(?![\\w.-])";
        return detail.replaceAll(" " + name + "|" + name + " ?", "").strip();
    }
}
