package herd.shell.command;

import herd.session.Complete;

/**
 * One parameter of a command as the parser, the completer and {@code help} see it.
 *
 * @param name        long option name, or the argument's display name
 * @param shortName   short option letter, {@code ' '} when none
 * @param option      true for an {@code @Option}, false for an argument
 * @param index       argument index; -1 for options and for the {@code @Arguments} rest
 * @param type        Java type (boolean options are flags)
 * @param description one line for {@code help}
 * @param defaultValue default as text, "" when none
 * @param required    an option that must be given
 * @param kind        what TAB offers
 * @param values      fixed choices for {@link Complete.Kind#VALUES}
 */
public record ParamSpec(String name, char shortName, boolean option, int index, Class<?> type, String description,
                        String defaultValue, boolean required, Complete.Kind kind, java.util.List<String> values) {

    public boolean flag() {
        return option && (type == boolean.class || type == Boolean.class);
    }

    public boolean rest() {
        return !option && index < 0;
    }

    /** {@code -w, --nodes NODES} or {@code --dry-run}. */
    public String usage() {
        String value = flag() ? "" : " " + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return (shortName != ' ' ? "-" + shortName + ", " : "") + "--" + name + value;
    }
}
