package herd.ssh.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The criteria of one {@code Match} line, parsed once, tested against what one resolve pass has set
 * so far (OpenSSH's single pass): {@code all}, {@code host} (the HostName set so far, else the name),
 * {@code originalhost}, {@code user} (the User set so far, else the default), {@code localuser} and
 * {@code exec}, each negatable with {@code !}, all of them ANDed. {@code canonical}, {@code final},
 * and the criteria of OpenSSH releases newer than 9.2 ({@code localnetwork}, {@code tagged},
 * {@code sessiontype}, {@code command}, {@code version}) never match: herd makes no canonical or
 * final pass and has no tags, interfaces or session types. Any other criterion is an error.
 *
 * <pre>{@code
 * MatchCondition.parse(List.of("host", "*.gpu,!*.old", "!exec", "test -f ~/.offline"), "cfg:7");
 * }</pre>
 */
final class MatchCondition {

    private enum Kind { ALL, NEVER, HOST, ORIGINALHOST, USER, LOCALUSER, EXEC }

    private record Criterion(Kind kind, boolean negated, Patterns patterns, String command) { }

    private final List<Criterion> criteria;
    private final String where;

    private MatchCondition(List<Criterion> criteria, String where) {
        this.criteria = criteria;
        this.where = where;
    }

    /** {@code words} are the arguments of the Match keyword; {@code where} is "FILE:LINE". */
    static MatchCondition parse(List<String> words, String where) throws SshConfigException {
        List<Criterion> criteria = new ArrayList<>();
        int others = 0;
        for (int i = 0; i < words.size(); i++) {
            boolean negated = words.get(i).startsWith("!");
            String name = (negated ? words.get(i).substring(1) : words.get(i)).toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                // OpenSSH's own rule, quirks included: "host x all" is accepted, "all host x" is not
                if (others > 1 || i + 1 < words.size()) {
                    throw new SshConfigException(where + ": Match all cannot be combined with other criteria");
                }
                criteria.add(new Criterion(Kind.ALL, negated, null, null));
                continue;
            }
            others++;
            if (name.equals("canonical") || name.equals("final")) {
                criteria.add(new Criterion(Kind.NEVER, negated, null, null));
                continue;
            }
            if (i + 1 == words.size()) {
                throw new SshConfigException(where + ": Match " + words.get(i) + " needs an argument");
            }
            String arg = words.get(++i);
            criteria.add(switch (name) {
                case "host" -> new Criterion(Kind.HOST, negated, Patterns.commaList(arg, true), null);
                case "originalhost" -> new Criterion(Kind.ORIGINALHOST, negated, Patterns.commaList(arg, true), null);
                case "user" -> new Criterion(Kind.USER, negated, Patterns.commaList(arg, false), null);
                case "localuser" -> new Criterion(Kind.LOCALUSER, negated, Patterns.commaList(arg, false), null);
                case "exec" -> new Criterion(Kind.EXEC, negated, null, arg);
                // newer OpenSSH releases' criteria: herd has no interfaces, tags or session types to test
                case "localnetwork", "tagged", "sessiontype", "command", "version" ->
                        new Criterion(Kind.NEVER, negated, null, null);
                default -> throw new SshConfigException(where + ": unsupported Match criterion \"" + words.get(i - 1) + "\"");
            });
        }
        return new MatchCondition(List.copyOf(criteria), where);
    }

    /** Whether every criterion holds; an {@code exec} after a failed criterion is not run, as in OpenSSH. */
    boolean test(Resolution r) throws SshConfigException {
        boolean result = true;
        for (Criterion c : criteria) {
            if (c.kind() == Kind.EXEC && !result) {
                continue;
            }
            if (holds(c, r) == c.negated()) {
                result = false;
            }
        }
        return result;
    }

    private boolean holds(Criterion c, Resolution r) throws SshConfigException {
        return switch (c.kind()) {
            case ALL -> true;
            case NEVER -> false;
            case HOST -> c.patterns().matches(r.host());
            case ORIGINALHOST -> c.patterns().matches(r.original());
            case USER -> c.patterns().matches(r.user());
            case LOCALUSER -> c.patterns().matches(r.localUser());
            case EXEC -> r.exec(Percent.expand(c.command(), r.escapes(), where));
        };
    }

    /**
     * Runs {@code command} with the user's shell ($SHELL, else /bin/sh) as OpenSSH does, input and
     * output on /dev/null (its output must not reach herd's terminal): exit 0 is a match, a command
     * that cannot run is not.
     */
    static boolean run(String command) {
        String shell = System.getenv("SHELL");
        if (shell == null || !Files.isExecutable(Path.of(shell))) {
            shell = "/bin/sh";
        }
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", command)
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return pb.start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
