package herd.dhcp;

import herd.files.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a host block is written, learned from one host of the file (the template): one line or one
 * statement a line, the {@code host} keyword's case, the blanks between words, each statement's
 * key as written ({@code HARDWARE ETHERNET}, {@code hardware\tethernet}) and the order of the
 * statements. A new block or statement written with it looks like its neighbours.
 *
 * <pre>{@code
 * DhcpLayout.of(conf, conf.host("valkyrie02").orElseThrow()).block("valkyrie03", fields, "  ");
 * }</pre>
 */
final class DhcpLayout {
    private static final Pattern HEADER = Pattern.compile("(\\S+)(\\s+)(\\S+)(\\s*)");

    private enum Case { LOWER, UPPER, CAPITALIZED }

    private final String text;
    private final DhcpHost template;
    private final String nl;

    private DhcpLayout(String text, DhcpHost template) {
        this.text = text;
        this.template = template;
        this.nl = Text.newline(text);
    }

    /** The layout of {@code template}; null gives herd's own: a block, two blanks of indentation. */
    static DhcpLayout of(DhcpConf conf, DhcpHost template) {
        return new DhcpLayout(conf.text(), template);
    }

    /** The template opens and closes on one line. */
    boolean oneLine() {
        if (template == null) {
            return false;
        }
        int nextLine = text.indexOf('\n', template.start());
        return nextLine < 0 || nextLine > template.close();
    }

    /** The block for a new host, without a line terminator; {@code fields} in the template's order. */
    String block(String name, Map<String, String> fields, String indent) {
        Map<String, String> ordered = ordered(fields);
        StringBuilder b = new StringBuilder(indent).append(header(name));
        if (oneLine()) {
            List<DhcpStatement> s = template.statements();
            String lead = s.isEmpty() ? " " : text.substring(template.open() + 1, s.get(0).start());
            String sep = s.size() < 2 ? " " : text.substring(s.get(0).end(), s.get(1).start());
            String trail = s.isEmpty() ? " " : text.substring(s.get(s.size() - 1).end(), template.close());
            List<String> parts = new ArrayList<>();
            ordered.forEach((k, v) -> parts.add(statement(k, v)));
            return b.append(lead).append(String.join(sep, parts)).append(parts.isEmpty() ? "" : trail).append('}')
                    .toString();
        }
        b.append(nl);
        String inner = innerIndent(indent);
        ordered.forEach((k, v) -> b.append(inner).append(statement(k, v)).append(nl));
        return b.append(indent).append('}').toString();
    }

    /** {@code key value;} as the template writes a statement with that key, else in its style. */
    String statement(String key, String value) {
        if (template != null) {
            for (DhcpStatement s : template.statements()) {
                if (s.key().equals(key)) {
                    return text.substring(s.start(), s.valueStart()) + value + ";";
                }
            }
        }
        return styled(key) + valueSeparator() + value + ";";
    }

    /** The indentation of statements inside a block whose {@code host} line is indented {@code indent}. */
    String innerIndent(String indent) {
        if (template != null) {
            String own = DhcpText.indentOf(text, template.start());
            for (DhcpStatement s : template.statements()) {
                if (DhcpText.onlySpaceBefore(text, s.start())) {
                    String inner = DhcpText.indentOf(text, s.start());
                    return inner.startsWith(own) ? indent + inner.substring(own.length()) : inner;
                }
            }
        }
        return indent + "  ";
    }

    private String header(String name) {
        if (template == null) {
            return "host " + name + " {";
        }
        Matcher m = HEADER.matcher(text.substring(template.start(), template.open()));
        return m.matches() ? m.group(1) + m.group(2) + name + m.group(4) + "{" : "host " + name + " {";
    }

    private Map<String, String> ordered(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (template != null) {
            template.statements().forEach(s -> {
                if (fields.containsKey(s.key())) {
                    out.put(s.key(), fields.get(s.key()));
                }
            });
        }
        fields.forEach(out::putIfAbsent);
        return out;
    }

    /** A key the template does not have, in the case of its keys and with the blank of its two-word keys. */
    private String styled(String key) {
        String blank = " ";
        StringBuilder letters = new StringBuilder();
        if (template != null) {
            for (DhcpStatement s : template.statements()) {
                String written = text.substring(s.start(), s.keyEnd());
                letters.append(written).append(' ');
                if (s.tokens().size() > 1 && s.keyEnd() == s.tokens().get(1).end()) {
                    blank = text.substring(s.tokens().get(0).end(), s.tokens().get(1).start());
                }
            }
        }
        String k = key.replace(" ", blank);
        return switch (caseOf(letters.toString())) {
            case UPPER -> k.toUpperCase(Locale.ROOT);
            case CAPITALIZED -> capitalized(k);
            case LOWER -> k;
        };
    }

    private String valueSeparator() {
        if (template == null || template.statements().isEmpty()) {
            return " ";
        }
        DhcpStatement s = template.statements().get(0);
        return s.valueStart() > s.keyEnd() ? text.substring(s.keyEnd(), s.valueStart()) : " ";
    }

    private static Case caseOf(String keys) {
        boolean lower = keys.chars().anyMatch(Character::isLowerCase);
        boolean upper = keys.chars().anyMatch(Character::isUpperCase);
        if (upper && !lower) {
            return Case.UPPER;
        }
        return upper && capitalized(keys.toLowerCase(Locale.ROOT)).equals(keys) ? Case.CAPITALIZED : Case.LOWER;
    }

    private static String capitalized(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '\t' || c == '-';
        }
        return b.toString();
    }
}
