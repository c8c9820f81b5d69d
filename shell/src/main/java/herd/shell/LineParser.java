package herd.shell;

import herd.session.UsageException;
import herd.shell.command.CommandSpec;
import herd.shell.command.HerdCommand;
import herd.shell.command.ParamSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.ParsedInput;

/**
 * herd's command-line parser (it replaces Spring Shell 4.0.1's DefaultCommandParser, which splits
 * on blanks only, ignores single quotes, takes every {@code -x} word as an option and lets unknown
 * options through). Rules: see docs/architecture.md section 2.
 *
 * <pre>{@code
 * Invocation inv = parser.parse("exec -w @compute ls -la", session::variable);
 * }</pre>
 */
public final class LineParser implements CommandParser {

    private final Commands commands;

    public LineParser(Commands commands) {
        this.commands = commands;
    }

    /** A parsed line: the command, its input, and the global flags. */
    public record Invocation(HerdCommand command, ParsedInput input, boolean json, boolean help) {
    }

    @Override
    public ParsedInput parse(String input) {
        return parse(input, name -> System.getenv(name)).input();
    }

    /** Parses one line; null when it holds no command (blank or comment). */
    public Invocation parse(String line, Function<String, String> variables) {
        List<Words.Word> parsed = Words.words(line, variables);
        List<String> words = parsed.stream().map(Words.Word::text).toList();
        if (words.isEmpty()) {
            return null;
        }
        HerdCommand command = commands.longestMatch(words)
                .orElseThrow(() -> unknown(words));
        CommandSpec spec = command.spec();
        int consumed = commands.matchLength(words);
        return arguments(command, spec, parsed.subList(consumed, parsed.size()));
    }

    private UsageException unknown(List<String> words) {
        List<String> subs = commands.completions(words.subList(0, 1));
        if (!subs.isEmpty() && commands.isPrefix(words.get(0))) {
            String next = words.size() > 1 ? " '" + words.get(1) + "'" : "";
            return new UsageException(words.get(0) + ": unknown or missing subcommand" + next + " (one of: "
                    + String.join(", ", subs) + ")");
        }
        return new UsageException("unknown command '" + words.get(0) + "' (try 'help')");
    }

    private Invocation arguments(HerdCommand command, CommandSpec spec, List<Words.Word> parsed) {
        List<String> words = parsed.stream().map(Words.Word::text).toList();
        ParsedInput.Builder b = ParsedInput.builder().commandName(spec.name());
        boolean json = false;
        boolean help = false;
        // A pass-through command without options of its own takes every word as it is (nodeset -f ...).
        boolean verbatim = spec.passThrough() && spec.options().isEmpty();
        int index = 0;
        int maxIndex = spec.arguments().stream().mapToInt(ParamSpec::index).max().orElse(-1);
        boolean hasRest = spec.arguments().stream().anyMatch(ParamSpec::rest);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!verbatim && w.equals("--")) {
                verbatim = true;
                continue;
            }
            if (!verbatim && !parsed.get(i).quoted() && w.startsWith("-") && w.length() > 1 && !isNumber(w)) {
                Optional<ParamSpec> declared = spec.option(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (declared.isEmpty() && w.equals("--json")) {
                    json = true;
                    continue;
                }
                if (declared.isEmpty() && (w.equals("--help") || w.equals("-h"))) {
                    help = true;
                    continue;
                }
                i = option(spec, b, words, i);
                continue;
            }
            if (!hasRest && index > maxIndex) {
                throw new UsageException(spec.name() + ": unexpected argument '" + w + "' (try 'help " + spec.name() + "')");
            }
            b.addArgument(new CommandArgument(index++, w));
            verbatim |= spec.passThrough();
        }
        return new Invocation(command, b.build(), json, help);
    }

    /** Reads the option at {@code i} (and its value); returns the index of the last word used. */
    private int option(CommandSpec spec, ParsedInput.Builder b, List<String> words, int i) {
        String w = words.get(i);
        String name = w;
        String value = null;
        int eq = w.indexOf('=');
        if (eq > 0) {
            name = w.substring(0, eq);
            value = w.substring(eq + 1);
        } else if (!w.startsWith("--") && w.length() > 2) {
            Optional<ParamSpec> first = spec.option(w.substring(0, 2));
            if (first.isPresent() && !first.get().flag()) {
                name = w.substring(0, 2);
                value = w.substring(2);
            } else {
                for (char c : w.substring(1).toCharArray()) {
                    option(spec, b, List.of("-" + c), 0);
                }
                return i;
            }
        }
        String shown = name;
        ParamSpec p = spec.option(name).orElseThrow(() -> new UsageException(spec.name() + ": unknown option "
                + shown + " (try 'help " + spec.name() + "')"));
        if (value == null) {
            if (p.flag()) {
                value = "true";
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new UsageException(spec.name() + ": option " + shown + " needs a value");
            }
        }
        b.addOption(CommandOption.with().longName(p.name()).shortName(p.shortName()).value(value).type(p.type()).build());
        return i;
    }

    private static boolean isNumber(String w) {
        return w.matches("-\\d+(\\.\\d+)?");
    }
}
