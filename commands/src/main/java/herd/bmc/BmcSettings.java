package herd.bmc;

import herd.session.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The BMC family's settings, from session variables ({@code set fanout 32}); defaults in one place.
 *
 * @param fanout         BMCs worked on at once ({@code fanout}, 256: a cold command waits on round trips, not CPU)
 * @param timeout        deadline of one request to a BMC ({@code bmc_timeout} seconds, 5)
 * @param confirmAbove   destructive power actions on more nodes ask first ({@code power_confirm}, 16)
 * @param escape         console escape character ({@code console_escape}, {@code ~})
 * @param logDir         console logs ({@code console_logs}, {@code $XDG_STATE_HOME/herd/console})
 */
public record BmcSettings(int fanout, Duration timeout, int confirmAbove, char escape, Path logDir) {

    /** A login is five round trips: as many BMCs at once as ipmipower keeps in flight, or a cold command waits. */
    public static final int DEFAULT_FANOUT = 256;

    public static BmcSettings from(Map<String, String> variables, Map<String, String> env) {
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        Path base = state.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(state);
        String escape = variables.getOrDefault("console_escape", "~");
        if (escape.length() != 1) {
            throw new UsageException("console_escape: one character expected, not \"" + escape + "\"");
        }
        return new BmcSettings(number(variables, "fanout", DEFAULT_FANOUT), Duration.ofSeconds(number(variables, "bmc_timeout", 5)),
                number(variables, "power_confirm", 16), escape.charAt(0),
                Path.of(variables.getOrDefault("console_logs", base.resolve("herd").resolve("console").toString())));
    }

    private static int number(Map<String, String> variables, String name, int fallback) {
        String value = variables.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": a positive whole number expected, not \"" + value + "\"");
        }
    }
}
