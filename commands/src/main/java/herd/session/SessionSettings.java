package herd.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The session's typed settings: each family declares its own (at start-up, from its adapter),
 * {@code set}/{@code unset} change them by name, engines' callers read them typed.
 *
 * <pre>{@code
 * settings.declare(SessionSsh.ACCEPT_NEW_HOST_KEYS);
 * settings.set("ssh.accept-new-host-keys", "yes");
 * settings.get(SessionSsh.ACCEPT_NEW_HOST_KEYS);      // true
 * }</pre>
 */
public final class SessionSettings {
    private final Map<String, Setting<?>> declared = new TreeMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Makes {@code setting} known to {@code set}; declaring it again is harmless. */
    public void declare(Setting<?> setting) {
        declared.put(setting.name(), setting);
    }

    /** The declared names, sorted (what {@code set} completes). */
    public Set<String> names() {
        return Collections.unmodifiableSet(declared.keySet());
    }

    public <T> T get(Setting<T> setting) {
        declare(setting);
        Object v = values.get(setting.name());
        return v == null ? setting.initial() : typed(setting, v);
    }

    /** Sets {@code setting} to a typed value (an option such as {@code --accept-new-host-keys}). */
    public <T> void set(Setting<T> setting, T value) {
        declare(setting);
        values.put(setting.name(), value);
    }

    /** {@code set NAME VALUE}: the value is checked now, so a bad one changes nothing. */
    public void set(String name, String text) {
        Setting<?> setting = declared.get(name);
        if (setting == null) {
            throw new UsageException("unknown setting " + name + " (known: " + String.join(", ", declared.keySet()) + ")");
        }
        values.put(name, setting.parse().apply(text));
    }

    /** Back to the initial value; false when the setting was not set. */
    public boolean unset(String name) {
        return values.remove(name) != null;
    }

    /** The settings that were set, by name, as {@code set} lists them. */
    public Map<String, Object> changed() {
        return Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Only set(Setting, T) and a setting's own parser put values in, so the cast holds. */
    @SuppressWarnings("unchecked")
    private static <T> T typed(Setting<T> setting, Object value) {
        return (T) value;
    }
}
