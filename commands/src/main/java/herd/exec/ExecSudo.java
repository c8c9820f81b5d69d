package herd.exec;

import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Session;
import herd.ssh.Prompter;
import herd.ssh.SessionSsh;
import herd.ssh.SshTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --sudo}: first without a password ({@code sudo -n}); the nodes where sudo wants one are run
 * again with the password, asked once per session (no echo) and kept only in memory. A password
 * sudo refused is forgotten, so that the next command asks again.
 *
 * <pre>{@code
 * ExecSudo sudo = new ExecSudo(new ExecSudo.Password(), prompt -> Optional.of(readPassword(prompt)));
 * ExecResult r = sudo.run(engine, ExecRequest.of(targets, "id -u"), true, listener);
 * }</pre>
 */
final class ExecSudo {

    static final String NO_TERMINAL = SudoFilter.NEEDS_PASSWORD + ", and there is no terminal to ask it";

    /** The session's sudo password, wiped when the session closes. */
    static final class Password implements AutoCloseable {
        private char[] secret;

        boolean known() {
            return secret != null;
        }

        @Override
        public void close() {
            if (secret != null) {
                Arrays.fill(secret, '\0');
                secret = null;
            }
        }
    }

    private final Password password;
    private final Prompter prompter;

    ExecSudo(Password password, Prompter prompter) {
        this.password = password;
        this.prompter = prompter;
    }

    /** The session's: its password, asked on its terminal (none in batch mode). */
    static ExecSudo of(Session session) {
        return new ExecSudo(session.resource(Password.class, Password::new), SessionSsh.prompter(session));
    }

    ExecResult run(ExecEngine engine, ExecRequest request, boolean sudo, ExecListener listener) {
        if (!sudo) {
            return engine.run(request, listener);
        }
        if (password.known()) {
            return withPassword(engine, request, listener, false);
        }
        SudoFilter first = new SudoFilter(listener, false, false);
        ExecResult firstResult = first.clean(engine.run(request.withSudo(Sudo.NO_PASSWORD), first));
        List<String> needing = first.needingPassword();
        if (needing.isEmpty()) {
            return firstResult;
        }
        if (Thread.currentThread().isInterrupted()) {
            return first.release(firstResult, needing, SudoFilter.NEEDS_PASSWORD);
        }
        Optional<char[]> typed = prompter.ask("sudo password");
        if (typed.isEmpty()) {
            return first.release(firstResult, needing, NO_TERMINAL);
        }
        if (typed.get().length == 0) {
            return first.release(firstResult, needing, SudoFilter.NEEDS_PASSWORD + ", and none was given");
        }
        password.secret = typed.get();
        List<SshTarget> again = request.targets().stream().filter(t -> needing.contains(t.node())).toList();
        ExecRequest retry = new ExecRequest(again, request.command(), request.fanout(), request.connectTimeout(),
                request.commandTimeout(), Sudo.NONE);
        return merge(firstResult, withPassword(engine, retry, listener, true));
    }

    /** One pass with the known password, which is forgotten when a node's sudo refuses it. */
    private ExecResult withPassword(ExecEngine engine, ExecRequest request, ExecListener listener, boolean again) {
        SudoFilter filter = new SudoFilter(listener, true, again);
        ExecResult r = filter.clean(engine.run(request.withSudo(Sudo.withPassword(password.secret)), filter));
        if (filter.wrongPassword()) {
            password.close();
        }
        return r;
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
