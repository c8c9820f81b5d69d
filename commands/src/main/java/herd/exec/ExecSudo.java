package herd.exec;

import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Session;
import herd.ssh.SshTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sudo}: first without a password ({@code sudo -n}); the nodes where sudo wants one are run
 * again with the password, asked once per session (no echo) and kept only in memory.
 */
final class ExecSudo {

    /** The session's sudo password, wiped when the session closes. */
    static final class Password implements AutoCloseable {
        private char[] secret;

        @Override
        public void close() {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private final Session session;

    ExecSudo(Session session) {
        this.session = session;
    }

    ExecResult run(ExecEngine engine, ExecRequest request, boolean sudo, ExecListener listener) {
        if (!sudo) {
            return engine.run(request, listener);
        }
        Password password = session.resource(Password.class, Password::new);
        if (password.secret != null) {
            return engine.run(request.withSudo(Sudo.withPassword(password.secret)), listener);
        }
        ExecResult first = engine.run(request.withSudo(Sudo.NO_PASSWORD), listener);
        List<SshTarget> again = new ArrayList<>();
        for (SshTarget t : request.targets()) {
            if (first.output(t.node()).stderr().stream().anyMatch(l -> l.contains("password is required"))) {
                again.add(t);
            }
        }
        if (again.isEmpty() || !session.out().interactive() || Thread.currentThread().isInterrupted()) {
            return first;
        }
        password.secret = session.out().askSecret("sudo password: ");
        ExecRequest retry = new ExecRequest(again, request.command(), request.fanout(), request.connectTimeout(),
                request.commandTimeout(), Sudo.withPassword(password.secret));
        return merge(first, engine.run(retry, listener));
    }

    private static ExecResult merge(ExecResult first, ExecResult second) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        Map<String, NodeOutput> outputs = new HashMap<>(first.outputs());
        outputs.putAll(second.outputs());
        for (NodeOutcome o : first.outcomes().outcomes()) {
            NodeOutcome redone = second.outcomes().outcome(o.node());
            outcomes.add(redone != null ? redone : o);
        }
        return new ExecResult(OutcomeSet.of(outcomes), outputs, first.elapsed().plus(second.elapsed()));
    }
}
