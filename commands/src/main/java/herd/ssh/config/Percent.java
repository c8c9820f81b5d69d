package herd.ssh.config;

import java.util.Map;

/**
 * OpenSSH's {@code %} escapes in ssh_config values: each {@code %x} is replaced by its value,
 * {@code %%} by one {@code %}; any other escape is an error, as it is for ssh.
 *
 * <pre>{@code
 * Percent.expand("%h.cluster", Map.of('h', "valkyrie01"), "cfg:3");   // "valkyrie01.cluster"
 * }</pre>
 */
final class Percent {

    private Percent() {
    }

    /** {@code where} ("FILE:LINE") names the line in the error for an unknown escape. */
    static String expand(String text, Map<Character, String> values, String where) throws SshConfigException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 == text.length()) {
                throw new SshConfigException(where + ": \"%\" at the end of \"" + text + "\"");
            }
            char key = text.charAt(++i);
            String value = key == '%' ? "%" : values.get(key);
            if (value == null) {
                throw new SshConfigException(where + ": unknown escape %" + key + " in \"" + text + "\"");
            }
            out.append(value);
        }
        return out.toString();
    }
}
