package herd.session;

/** Why a node's part of a fan-out ended as it did. Only {@link #OK} and {@link #FAILED} carry an exit code. */
public enum Reason {
    OK,
    FAILED,
    TIMED_OUT,
    UNREACHABLE,
    AUTH_REFUSED,
    HOST_KEY_MISMATCH,
    CANCELLED;

    /** True when the node answered and its exit code means something. */
    public boolean hasExitCode() {
        return this == OK || this == FAILED;
    }
}
