package herd.session;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed session setting that {@code set NAME VALUE} changes, declared by the family it tunes
 * and read back typed; names have a dot ({@code ssh.accept-new-host-keys}), variables have none.
 *
 * <pre>{@code
 * static final Setting<Boolean> ACCEPT_NEW = Setting.flag("ssh.accept-new-host-keys", "record unknown host keys");
 * session.settings().declare(ACCEPT_NEW);
 * boolean accept = session.settings().get(ACCEPT_NEW);   // false until 'set ssh.accept-new-host-keys yes'
 * }</pre>
 *
 * @param name        what {@code set} takes, family first
 * @param description one line, for the error that lists the known settings
 * @param initial     the value before any {@code set} and after {@code unset}
 * @param parse       the typed value of the text {@code set} was given; throws {@link UsageException}
 */
public record Setting<T>(String name, String description, T initial, Function<String, T> parse) {

    public Setting {
        Objects.requireNonNull(initial, "initial");
        if (!name.matches("[a-z]+(\\.[a-z][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("setting name " + name + " is not family.name");
        }
    }

    /** A yes/no setting, off until set: yes, true, on, 1 and no, false, off, 0. */
    public static Setting<Boolean> flag(String name, String description) {
        return new Setting<>(name, description, false, text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw new UsageException(name + ": expected yes or no, got \"" + text + "\"");
        });
    }
}
