package herd.shell;

import herd.nodeset.PyBlanks;
import herd.session.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a command line into words as sh does, the parts herd needs: blanks (any Unicode white
 * space, so the no-break spaces of a list pasted from a web page too) separate words,
 * {@code 'single'} quotes are literal, {@code "double"} quotes keep blanks and expand variables,
 * {@code \} escapes one character, {@code $NAME} and {@code ${NAME}} expand, {@code #} at the start
 * of a word begins a comment. A word that begins with a quote or a backslash is {@link Word#quoted()}:
 * the parser never takes it for an option, whatever its text.
 *
 * <pre>{@code
 * Words.split("exec -w $NODES 'echo $HOME'", vars::get)  // [exec, -w, valkyrie[01-02], echo $HOME]
 * }</pre>
 */
public final class Words {

    private Words() {
    }

    /** One word of a line: its text, and whether it began quoted (so is never an option). */
    public record Word(String text, boolean quoted) {
    }

    /** The words of {@code line}; an unknown variable or an unclosed quote is a {@link UsageException}. */
    public static List<String> split(String line, Function<String, String> variables) {
        return words(line, variables).stream().map(Word::text).toList();
    }

    /** The words of {@code line} with how each began; errors as {@link #split}. */
    public static List<Word> words(String line, Function<String, String> variables) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!inWord) {
                quoted = c == '\'' || c == '"' || c == '\\';
            }
            if (PyBlanks.isSpace(c)) {
                if (inWord) {
                    words.add(new Word(word.toString(), quoted));
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UsageException("unclosed ' quote: " + line.substring(i));
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word, variables);
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$') {
                i = variable(line, i, word, variables);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(new Word(word.toString(), quoted));
        }
        return words;
    }

    private static int doubleQuoted(String line, int i, StringBuilder word, Function<String, String> variables) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                i = variable(line, i, word, variables);
            } else {
                word.append(c);
                i++;
            }
        }
        throw new UsageException("unclosed \" quote: " + line);
    }

    /** Expands {@code $NAME} or {@code ${NAME}} at {@code i}; a lone {@code $} stays. Returns the next index. */
    private static int variable(String line, int i, StringBuilder word, Function<String, String> variables) {
        int start = i + 1;
        boolean braced = start < line.length() && line.charAt(start) == '{';
        int from = braced ? start + 1 : start;
        int end = from;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        if (end == from || braced && (end >= line.length() || line.charAt(end) != '}')) {
            word.append('$');
            return i + 1;
        }
        String name = line.substring(from, end);
        String value = variables.apply(name);
        if (value == null) {
            throw new UsageException("unknown variable $" + name + " (set it with: set " + name + " VALUE)");
        }
        word.append(value);
        return braced ? end + 1 : end;
    }
}
