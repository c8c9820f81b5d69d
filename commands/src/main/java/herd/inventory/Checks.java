package herd.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/** Field checks of the inventory; each failure names the field and keeps the bad text. */
final class Checks {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern HTTPS = Pattern.compile("https://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?/?");
    private static final Pattern SECRET = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*|file:[^#]+#.+|prompt");

    private Checks() {
    }

    static String ip(YamlMap m, String key) {
        String v = m.string(key);
        if (v != null && !IPV4.matcher(v).matches()) {
            throw m.error(key, "not an IPv4 address: \"" + v + "\"");
        }
        return v;
    }

    static String mac(YamlMap m, String key) {
        String v = m.string(key);
        if (v != null && !MAC.matcher(v).matches()) {
            throw m.error(key, "not a MAC address (six hex pairs with colons): \"" + v + "\"");
        }
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    static void cidr(YamlMap m, String key, String v) {
        String[] parts = v.split("/", 2);
        boolean ok = parts.length == 2 && IPV4.matcher(parts[0]).matches() && parts[1].matches("\\d{1,2}")
                && Integer.parseInt(parts[1]) <= 32;
        if (!ok) {
            throw m.error(key, "not a CIDR subnet (e.g. 10.10.0.0/16): \"" + v + "\"");
        }
    }

    static void name(YamlMap m, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw m.error(m.value(name), m.field(name), "bad " + what + " \"" + name + "\": letters, digits, - _ . only");
        }
    }

    static String oneOf(YamlMap m, String key, String... allowed) {
        String v = m.string(key);
        if (v != null && !java.util.List.of(allowed).contains(v)) {
            throw m.error(key, "expected " + String.join(" or ", allowed) + ", got \"" + v + "\"");
        }
        return v;
    }

    /** A Redfish service: https://host[:port], nothing after the authority but an optional slash. */
    static String httpsUrl(YamlMap m, String key) {
        String v = m.string(key);
        if (v != null && !HTTPS.matcher(v).matches()) {
            throw m.error(key, "not an https URL (https://host[:port]): \"" + v + "\"");
        }
        return v == null ? null : v.replaceFirst("/$", "");
    }

    /** A certificate's SHA-256, 64 hex digits (colons and a sha256: prefix allowed); kept lower case, bare. */
    static String fingerprint(YamlMap m, String key) {
        String v = m.string(key);
        if (v == null) {
            return null;
        }
        String hex = v.replaceFirst("(?i)^sha256:", "").replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw m.error(key, "not a SHA-256 fingerprint (64 hex digits, colons allowed): \"" + v + "\"");
        }
        return hex;
    }

    /** Secrets are references, never the secret itself: env:NAME, file:PATH#KEY or prompt. */
    static String secret(YamlMap m, String key) {
        String v = m.string(key);
        if (v != null && !SECRET.matcher(v).matches()) {
            throw m.error(key, "must be a reference (env:NAME, file:PATH#KEY or prompt), not the secret itself");
        }
        return v;
    }
}
