package herd.copy;

import herd.ssh.SshTarget;
import java.time.Duration;
import java.util.List;

/**
 * Files to push to many nodes, or to pull from them.
 *
 * <pre>{@code
 * CopyRequest push = CopyRequest.push(targets, List.of("/etc/hosts"), "/etc").withPreserve(true);
 * CopyRequest pull = CopyRequest.pull(targets, List.of("/var/log/messages"), "/tmp/logs"); // messages.NODE
 * }</pre>
 *
 * @param direction      push (local to nodes) or pull (nodes to local)
 * @param targets        the nodes
 * @param sources        local paths (push) or remote paths (pull); directories are copied recursively
 * @param dest           remote directory or file (push) or local directory (pull)
 * @param preserve       keep modification times and modes (clush -p)
 * @param fanout         nodes worked on at once
 * @param connectTimeout deadline of each connection step
 */
public record CopyRequest(Direction direction, List<SshTarget> targets, List<String> sources, String dest,
                          boolean preserve, int fanout, Duration connectTimeout) {

    /** Which way the files go. */
    public enum Direction { PUSH, PULL }

    public CopyRequest {
        targets = List.copyOf(targets);
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new CopyException("copy: no source given");
        }
        if (dest == null || dest.isBlank()) {
            throw new CopyException("copy: no destination given");
        }
        if (fanout < 1) {
            throw new CopyException("copy: fanout " + fanout + " must be at least 1");
        }
    }

    public static CopyRequest push(List<SshTarget> targets, List<String> localSources, String remoteDest) {
        return new CopyRequest(Direction.PUSH, targets, localSources, remoteDest, false, 64, Duration.ofSeconds(10));
    }

    public static CopyRequest pull(List<SshTarget> targets, List<String> remoteSources, String localDir) {
        return new CopyRequest(Direction.PULL, targets, remoteSources, localDir, false, 64, Duration.ofSeconds(10));
    }

    public CopyRequest withPreserve(boolean p) {
        return new CopyRequest(direction, targets, sources, dest, p, fanout, connectTimeout);
    }

    public CopyRequest withFanout(int n) {
        return new CopyRequest(direction, targets, sources, dest, preserve, n, connectTimeout);
    }

    public CopyRequest withConnectTimeout(Duration d) {
        return new CopyRequest(direction, targets, sources, dest, preserve, fanout, d);
    }
}
