package herd.shell;

import herd.session.Complete;
import herd.session.Session;
import herd.shell.command.CommandSpec;
import herd.shell.command.HerdCommand;
import herd.shell.command.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;

/**
 * TAB in the shell (it replaces Spring Shell 4.0.1's CommandCompleter, which offers nothing for a
 * partly typed argument): command words, options, option values and arguments by their
 * {@link Complete.Kind}, nodesets through {@link NodesCompleter}, paths through {@link PathCompleter}.
 */
public final class HerdCompleter implements Completer {

    private final Commands commands;
    private final Session session;
    private final Function<String, CompletionProvider> providers;

    public HerdCompleter(Commands commands, Session session, Function<String, CompletionProvider> providers) {
        this.commands = commands;
        this.session = session;
        this.providers = providers;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        candidates.addAll(complete(before, word));
    }

    /** Proposals for {@code word}, the words before it being {@code before}. */
    public List<Candidate> complete(List<String> before, String word) {
        List<Candidate> out = new ArrayList<>();
        for (String next : commands.completions(before)) {
            if (next.startsWith(word)) {
                out.add(new Candidate(next, next, "commands", null, null, null, true));
            }
        }
        Optional<HerdCommand> command = commands.longestMatch(before);
        if (command.isEmpty()) {
            return out;
        }
        CommandSpec spec = command.get().spec();
        List<String> args = before.subList(commands.matchLength(before), before.size());
        State state = state(spec, args);
        if (state.verbatim) {
            return out;
        }
        if (state.valueOf == null && word.startsWith("-")) {
            options(spec, word, out);
            return out;
        }
        ParamSpec param = state.valueOf != null ? state.valueOf : spec.argument(state.positional).orElse(null);
        if (param != null) {
            values(spec, param, before, word, out);
        }
        return out;
    }

    private record State(ParamSpec valueOf, int positional, boolean verbatim) {
    }

    private static State state(CommandSpec spec, List<String> args) {
        int positional = 0;
        if (spec.passThrough() && spec.options().isEmpty()) {
            return new State(null, 0, true);
        }
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                return new State(null, positional, true);
            }
            if (w.startsWith("-") && w.length() > 1) {
                Optional<ParamSpec> o = spec.option(w);
                if (o.isPresent() && !o.get().flag()) {
                    if (i == args.size() - 1) {
                        return new State(o.get(), positional, false);
                    }
                    i++;
                }
                continue;
            }
            positional++;
            if (spec.passThrough()) {
                return new State(null, positional, true);
            }
        }
        return new State(null, positional, false);
    }

    private static void options(CommandSpec spec, String word, List<Candidate> out) {
        for (ParamSpec o : spec.options()) {
            if (("--" + o.name()).startsWith(word)) {
                out.add(new Candidate("--" + o.name(), "--" + o.name(), "options", o.description(), null, null, true));
            }
        }
        for (String global : List.of("--json", "--help")) {
            if (global.startsWith(word) && spec.option(global).isEmpty()) {
                out.add(new Candidate(global, global, "options", null, null, null, true));
            }
        }
    }

    private void values(CommandSpec spec, ParamSpec p, List<String> before, String word, List<Candidate> out) {
        switch (p.kind()) {
            case NODES -> NodesCompleter.complete(word, session).forEach(pr ->
                    out.add(new Candidate(pr.value(), pr.display(), null, null, null, null, false)));
            case NODE -> add(session.inventory().nodes().keySet(), word, out);
            case GROUP -> add(session.inventory().groupResolver().source(null).groups(), word, out);
            case FILES -> PathCompleter.complete(word).forEach(pr ->
                    out.add(new Candidate(pr.value(), pr.display(), null, null, null, null, !pr.value().endsWith("/"))));
            case VARIABLES -> {
                add(session.variables().keySet(), word, out);
                add(session.settings().names(), word, out);
            }
            case COMMANDS -> add(commands.all().stream().map(HerdCommand::getName).toList(), word, out);
            case VALUES -> add(p.values(), word, out);
            case NONE -> provided(spec, p, before, word, out);
        }
    }

    private void provided(CommandSpec spec, ParamSpec p, List<String> before, String word, List<Candidate> out) {
        if (spec.completionProvider().isEmpty()) {
            return;
        }
        CompletionProvider provider = providers.apply(spec.completionProvider());
        if (provider == null) {
            return;
        }
        List<String> words = new ArrayList<>(before);
        words.add(word);
        CompletionContext context = new CompletionContext(words, words.size() - 1, word.length(),
                commands.get(spec.name()).orElse(null), null);
        for (CompletionProposal proposal : provider.apply(context)) {
            if (proposal.value().startsWith(word)) {
                out.add(new Candidate(proposal.value(), proposal.displayText(), null, proposal.description(), null, null,
                        proposal.complete()));
            }
        }
    }

    private static void add(java.util.Collection<String> values, String word, List<Candidate> out) {
        values.stream().filter(v -> v.startsWith(word)).sorted()
                .forEach(v -> out.add(new Candidate(v, v, null, null, null, null, true)));
    }
}
