package herd.hosts;

import herd.files.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * /etc/hosts kept byte for byte: the text plus its entries ({@code IP name [aliases] [# comment]}).
 * Edits splice whole lines; a new line copies the columns of the last entry.
 *
 * <pre>{@code
 * HostsFile h = HostsFile.parse("/etc/hosts", text);
 * String edited = h.add("valkyrie03", "10.10.3.3", List.of());
 * }</pre>
 */
public final class HostsFile {

    /** One entry line; {@code start}/{@code end} cover the line with its terminator. */
    public record Entry(String ip, List<String> names, int line, int start, int end, int namesColumn) {
    }

    private final String path;
    private final String text;
    private final List<Entry> entries = new ArrayList<>();

    private HostsFile(String path, String text) {
        this.path = path;
        this.text = text;
    }

    public static HostsFile parse(String path, String text) {
        HostsFile h = new HostsFile(path, text);
        int pos = 0;
        int line = 1;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            String content = text.substring(pos, end);
            int hash = content.indexOf('#');
            String data = (hash < 0 ? content : content.substring(0, hash)).strip();
            if (!data.isEmpty()) {
                List<String> words = Arrays.asList(data.split("\\s+"));
                int namesColumn = words.size() > 1 ? content.indexOf(words.get(1), content.indexOf(words.get(0))
                        + words.get(0).length()) : -1;
                h.entries.add(new Entry(words.get(0), List.copyOf(words.subList(1, words.size())), line, pos, end,
                        namesColumn));
            }
            pos = end;
            line++;
        }
        return h;
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entries naming {@code name} (as canonical name or alias). */
    public List<Entry> find(String name) {
        return entries.stream().filter(e -> e.names().stream().anyMatch(n -> n.equalsIgnoreCase(name))).toList();
    }

    /** The text with {@code ip name aliases...} after the last entry, laid out like it. */
    public String add(String name, String ip, List<String> aliases) {
        String nl = Text.newline(text);
        Optional<Entry> template = entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
        String names = String.join(" ", Stream.concat(Stream.of(name),
                aliases.stream()).toList());
        if (template.isEmpty()) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : nl;
            return text + sep + ip + "\t" + names + nl;
        }
        Entry t = template.get();
        String templateLine = text.substring(t.start(), t.end());
        String gap;
        if (t.namesColumn() > 0 && templateLine.charAt(t.namesColumn() - 1) == '\t') {
            gap = "\t";
        } else {
            int ipEnd = templateLine.indexOf(t.ip()) + t.ip().length();
            gap = " ".repeat(Math.max(1, t.namesColumn() > 0 ? t.namesColumn() - ipEnd - (ip.length() - t.ip().length()) : 1));
        }
        String line = ip + gap + names;
        if (t.end() == text.length() && !text.endsWith("\n")) {
            return text + nl + line;
        }
        return text.substring(0, t.end()) + line + nl + text.substring(t.end());
    }

    /**
     * The text without {@code name}: a line where it is the canonical (first) name goes with its
     * aliases; where it is an alias, only the alias is taken out of the line.
     */
    public String remove(String name) {
        StringBuilder b = new StringBuilder(text);
        List<Entry> hits = find(name);
        for (int i = hits.size() - 1; i >= 0; i--) {
            Entry e = hits.get(i);
            if (e.names().get(0).equalsIgnoreCase(name)) {
                int start = e.start();
                if (e.end() == text.length() && !text.endsWith("\n") && start > 0) {
                    start -= start > 1 && text.charAt(start - 2) == '\r' ? 2 : 1;
                }
                b.delete(start, e.end());
            } else {
                String lineText = text.substring(e.start(), e.end());
                String edited = lineText.replaceFirst("[ \\t]+" + Pattern.quote(
                        e.names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElseThrow()) + "(?=[ \\t\\r\\n#]|$)", "");
                b.replace(e.start(), e.end(), edited);
            }
        }
        return b.toString();
    }
}
