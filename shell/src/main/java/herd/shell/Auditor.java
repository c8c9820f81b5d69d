package herd.shell;

import herd.audit.AuditException;
import herd.audit.AuditLog;
import herd.audit.AuditPolicy;
import herd.audit.AuditRecord;
import herd.audit.Caller;
import herd.nodeset.NodeSet;
import herd.session.Effects;
import herd.error.HerdException;
import herd.session.Session;
import herd.shell.LineParser.Invocation;
import herd.shell.render.ConsoleOutput;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;

/**
 * The shell's side of the audit log (docs/shell.md, "Audit log"): before a changing command line
 * runs ({@link AuditPolicy}), checks that its record can be written and refuses the line when it
 * cannot (unless {@code audit: {required: false}}); when the line ends, writes one record of the
 * line as typed, its caller, what it did ({@link Effects}) and how it ended. Secrets typed at a
 * prompt in this session never reach a record: they are masked wherever they occur.
 *
 * <pre>{@code
 * Auditor.Entry entry = auditor.begin(invocation, line, position, console.caller(), console.err());
 * ... run the command with entry.effects() bound to the session ...
 * auditor.end(entry, status, error, console.err());
 * }</pre>
 */
final class Auditor {
    private static final String MASK = "********";

    private final Session session;
    private final Map<String, String> env;
    private final String id = Long.toHexString(new java.security.SecureRandom().nextLong() >>> 32);
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private boolean warned;

    Auditor(Session session, Map<String, String> env) {
        this.session = session;
        this.env = env;
    }

    /** A changing command line that is running. */
    record Entry(String line, String position, String command, Caller caller, Instant start, Effects effects) {
    }

    /**
     * Null when the line changes nothing; else its entry, once the log was found writable.
     *
     * @throws AuditException when the log cannot be written and is required
     */
    Entry begin(Invocation inv, String line, String position, Caller caller, PrintWriter err) {
        String name = inv.command().getName();
        var args = inv.input().arguments().stream().map(CommandArgument::value).toList();
        Set<String> flags = inv.input().options().stream().filter(o -> "true".equals(String.valueOf(o.value())))
                .map(CommandOption::longName).collect(Collectors.toSet());
        if (!AuditPolicy.changes(name, args, flags)) {
            return null;
        }
        AuditLog log = log(caller);
        try {
            log.check();
        } catch (AuditException e) {
            if (log.required()) {
                throw new AuditException(e.getMessage() + "; changing commands are refused"
                        + " (audit: {required: false} in the inventory runs them unrecorded)");
            }
            warnOnce(err, e.getMessage() + "; changing commands run unrecorded (audit: {required: false})");
        }
        return new Entry(line, position, name, caller, Instant.now(), new Effects());
    }

    /** Writes the record of a line {@link #begin} let through; a failure to write is printed. */
    void end(Entry e, int status, String error, PrintWriter err) {
        AuditLog log = log(e.caller());
        Effects fx = e.effects();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> sets = new LinkedHashMap<>();
        AuditRecord.nonEmpty(fx.outcomes()).forEach((set, nodes) -> {
            counts.put(set, nodes.size());
            sets.put(set, NodeSet.fromNames(nodes).toString());
        });
        AuditRecord record = new AuditRecord(e.start(), e.caller().user(), e.caller().uid(), e.caller().sudoUser(),
                e.caller().pid(), id, session.inventory().name(), session.inventory().source(), mask(e.position()),
                mask(e.line()), e.command(), fx.nodes().toString(), status, mask(error), counts, sets, fx.files(),
                Duration.between(e.start(), Instant.now()).toMillis());
        try {
            log.append(record);
        } catch (AuditException ex) {
            if (log.required()) {
                new ErrorReporter(err, false).message(e.position(), "audit: " + ex.getMessage() + " (the command ran)");
            } else {
                warnOnce(err, ex.getMessage());
            }
            return;
        }
        try {
            log.forward(record);
        } catch (HerdException ex) {
            new ErrorReporter(err, false).message(e.position(), "warning: " + ex.getMessage());
        }
    }

    /** {@code prompter}, remembering every secret typed through it so that records mask it. */
    ConsoleOutput.Prompter remembering(ConsoleOutput.Prompter prompter) {
        if (prompter == null) {
            return null;
        }
        return (prompt, secret) -> {
            String answer = prompter.ask(prompt, secret);
            if (secret && answer != null && !answer.isEmpty()) {
                secrets.add(answer);
            }
            return answer;
        };
    }

    private String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    private AuditLog log(Caller caller) {
        return session.resource(AuditLog.class, () -> AuditLog.of(session.inventory().audit(), env, caller.uid()));
    }

    private void warnOnce(PrintWriter err, String message) {
        if (!warned) {
            warned = true;
            new ErrorReporter(err, false).message(null, "warning: " + message);
        }
    }
}
