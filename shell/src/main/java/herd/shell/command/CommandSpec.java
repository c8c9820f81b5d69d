package herd.shell.command;

import java.util.List;
import java.util.Optional;

/**
 * What the shell knows of one command: its words, help texts and parameters.
 *
 * @param name               command words joined by one space ({@code power on})
 * @param group              help section
 * @param description        one line
 * @param help               paragraph for {@code help CMD}
 * @param params             options and arguments, in declaration order
 * @param passThrough        trailing words are a remote command ({@code @PassThrough})
 * @param completionProvider bean name of a custom completion provider, "" when none
 */
public record CommandSpec(String name, String group, String description, String help, List<ParamSpec> params,
                          boolean passThrough, String completionProvider) {

    public CommandSpec {
        params = List.copyOf(params);
    }

    public List<ParamSpec> options() {
        return params.stream().filter(ParamSpec::option).toList();
    }

    public List<ParamSpec> arguments() {
        return params.stream().filter(p -> !p.option()).toList();
    }

    /** The option written {@code --name} or {@code -c}. */
    public Optional<ParamSpec> option(String word) {
        for (ParamSpec p : options()) {
            if (word.equals("--" + p.name()) || p.shortName() != ' ' && word.equals("-" + p.shortName())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The argument at position {@code i}: the indexed one, else the {@code @Arguments} rest. */
    public Optional<ParamSpec> argument(int i) {
        Optional<ParamSpec> indexed = arguments().stream().filter(p -> p.index() == i).findFirst();
        return indexed.isPresent() ? indexed : arguments().stream().filter(ParamSpec::rest).findFirst();
    }

    /** {@code power on [NODES] [-t TIMEOUT] [--json]}. */
    public String usage() {
        StringBuilder s = new StringBuilder(name);
        for (ParamSpec a : arguments()) {
            String n = a.name().toUpperCase(java.util.Locale.ROOT);
            s.append(' ').append(a.rest() ? "[" + n + "...]" : a.defaultValue().isEmpty() && a.required() ? n : "[" + n + "]");
        }
        for (ParamSpec o : options()) {
            String u = (o.shortName() != ' ' ? "-" + o.shortName() : "--" + o.name())
                    + (o.flag() ? "" : " " + o.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            s.append(' ').append(o.required() ? u : "[" + u + "]");
        }
        return s.toString();
    }
}
