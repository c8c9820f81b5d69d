package herd.ssh;

import herd.session.NodeOutcome;
import herd.session.Reason;
import java.io.IOException;

/**
 * A node could not be reached, authenticated or verified (carries the outcome to record), or an SSH
 * setting is wrong.
 * {@code new SshException("valkyrie05", Reason.HOST_KEY_MISMATCH, "host key mismatch")}.
 */
public class SshException extends IOException {

    private final String node;
    private final Reason reason;
    private final String detail;

    /** A problem that is not one node's (a bad ssh_config line): {@code "FILE:LINE: message"}. */
    public SshException(String message) {
        super(message);
        this.node = "";
        this.reason = Reason.FAILED;
        this.detail = message;
    }

    public SshException(String node, Reason reason, String detail) {
        this(node, reason, detail, null);
    }

    public SshException(String node, Reason reason, String detail, Throwable cause) {
        super(node + ": " + detail, cause);
        this.node = node;
        this.reason = reason;
        this.detail = detail;
    }

    public String node() {
        return node;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    /** The outcome this failure means for its node. */
    public NodeOutcome outcome() {
        return NodeOutcome.without(node, reason, detail);
    }
}
