package herd.ssh.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one ssh_config line the way OpenSSH does: a keyword, then an optional {@code =}, then
 * arguments separated by blanks, with {@code "..."} or {@code '...'} quoting, backslash escapes of
 * quotes, backslashes and blanks, and a word starting with {@code #} ending the line.
 *
 * <pre>{@code
 * ConfigWords.split("User = \"ops team\"  # who", "cfg:3");   // [User, ops team]
 * }</pre>
 */
final class ConfigWords {

    private ConfigWords() {
    }

    /** The keyword (as written) and its arguments; empty for blank and comment lines. */
    static List<String> split(String line, String where) throws SshConfigException {
        String s = line.strip();
        if (s.startsWith("=")) {
            s = s.substring(1).strip();   // OpenSSH skips one '=' before the keyword too
        }
        if (s.isEmpty() || s.startsWith("#")) {
            return List.of();
        }
        int i = 0;
        while (i < s.length() && !blank(s.charAt(i)) && s.charAt(i) != '=' && s.charAt(i) != '"') {
            i++;
        }
        String keyword = s.substring(0, i);
        if (keyword.isEmpty()) {
            throw new SshConfigException(where + ": no keyword before \"" + s + "\"");
        }
        while (i < s.length() && blank(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        List<String> words = new ArrayList<>();
        words.add(keyword);
        arguments(s.substring(i), words, where);
        if (words.size() == 1) {
            throw new SshConfigException(where + ": " + keyword + " needs a value");
        }
        return words;
    }

    private static void arguments(String s, List<String> words, String where) throws SshConfigException {
        int i = 0;
        while (i < s.length()) {
            if (blank(s.charAt(i))) {
                i++;
                continue;
            }
            if (s.charAt(i) == '#') {
                return;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (c == '\\' && (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' '))) {
                    word.append(next);
                    i++;
                } else if (quote == 0 && blank(c)) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new SshConfigException(where + ": unclosed " + quote + " in \"" + s + "\"");
            }
            words.add(word.toString());
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }
}
