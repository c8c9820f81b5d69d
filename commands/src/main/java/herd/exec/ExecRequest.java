package herd.exec;

import herd.ssh.SshTarget;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One command to run on many nodes.
 *
 * <pre>{@code
 * ExecRequest r = ExecRequest.of(targets, "uname -r").withFanout(32).withCommandTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param targets        the nodes, in the order results are reported
 * @param command        the remote command line, passed to the remote shell untouched
 * @param fanout         how many nodes are worked on at once (clush -f)
 * @param connectTimeout deadline of each connection step (clush -t)
 * @param commandTimeout deadline of the command itself; {@link Duration#ZERO} for none (clush -u)
 * @param sudo           run the command under sudo, and how
 */
public record ExecRequest(List<SshTarget> targets, String command, int fanout, Duration connectTimeout,
                          Duration commandTimeout, Sudo sudo) {

    public static final int DEFAULT_FANOUT = 64;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public ExecRequest {
        targets = List.copyOf(targets);
        if (command == null || command.isBlank()) {
            throw new ExecException("exec: no command given");
        }
        if (fanout < 1) {
            throw new ExecException("exec: fanout " + fanout + " must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || commandTimeout.isNegative()) {
            throw new ExecException("exec: timeouts must be positive");
        }
        Set<String> seen = new HashSet<>();
        for (SshTarget t : targets) {
            if (!seen.add(t.node())) {
                throw new ExecException("exec: node " + t.node() + " given twice");
            }
        }
    }

    /** Fanout 64, connect timeout 10 s, no command timeout, no sudo. */
    public static ExecRequest of(List<SshTarget> targets, String command) {
        return new ExecRequest(targets, command, DEFAULT_FANOUT, DEFAULT_CONNECT_TIMEOUT, Duration.ZERO, Sudo.NONE);
    }

    public ExecRequest withFanout(int n) {
        return new ExecRequest(targets, command, n, connectTimeout, commandTimeout, sudo);
    }

    public ExecRequest withConnectTimeout(Duration d) {
        return new ExecRequest(targets, command, fanout, d, commandTimeout, sudo);
    }

    public ExecRequest withCommandTimeout(Duration d) {
        return new ExecRequest(targets, command, fanout, connectTimeout, d, sudo);
    }

    public ExecRequest withSudo(Sudo s) {
        return new ExecRequest(targets, command, fanout, connectTimeout, commandTimeout, s);
    }

    /** The command line sent to the nodes (wrapped in sudo when asked). */
    public String remoteCommand() {
        return sudo.wrap(command);
    }
}
