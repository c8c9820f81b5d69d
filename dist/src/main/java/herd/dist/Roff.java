package herd.dist;

import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * roff for man pages: text escaped for the man macros, and Markdown (the docs/*.md the shell's
 * help points to) turned into man(7) requests, tables into tbl(1) tables.
 *
 * <pre>{@code
 * Roff.markdown("Use `power on`.\n")   // ".PP\nUse \\fBpower on\\fR.\n"
 * }</pre>
 */
final class Roff {
    private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private Roff() {
    }

    /** Text for a roff line: backslashes, leading dots and quotes, and a few non-ASCII signs escaped. */
    static String text(String s) {
        String out = s.replace("\\", "\\e").replace("—", "\\(em").replace("–", "\\(en").replace("→", "\\(->")
                .replace("·", "\\(md").replace("≤", "\\(<=").replace("≥", "\\(>=").replace("…", "...")
                .replace("×", "\\(mu").replace("‘", "'").replace("’", "'").replace("“", "\"").replace("”", "\"");
        return out.replaceAll("(?m)^([.'])", "\\\\&$1");
    }

    /** A command, option or file name: bold, its dashes real minus signs (copy-pastable). */
    static String literal(String s) {
        return "\\fB" + text(s).replace("-", "\\-") + "\\fR";
    }

    /** Markdown blocks as roff (headings of level 3 and more become .SS; level 2 are the caller's). */
    static String markdown(String md) {
        StringBuilder out = new StringBuilder();
        for (Node n = MARKDOWN.parse(md).getFirstChild(); n != null; n = n.getNext()) {
            block(n, out);
        }
        return out.toString();
    }

    private static void block(Node n, StringBuilder out) {
        if (n instanceof Heading h) {
            String title = inline(h).replace("\"", "");
            out.append(h.getLevel() <= 2 ? ".SH \"" + title.toUpperCase(java.util.Locale.ROOT) : ".SS \"" + title).append("\"\n");
        } else if (n instanceof Paragraph) {
            out.append(".PP\n").append(line(inline(n))).append('\n');
        } else if (n instanceof FencedCodeBlock c) {
            code(c.getLiteral(), out);
        } else if (n instanceof IndentedCodeBlock c) {
            code(c.getLiteral(), out);
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            list(n, out);
        } else if (n instanceof BlockQuote) {
            out.append(".RS\n");
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                block(c, out);
            }
            out.append(".RE\n");
        } else if (n instanceof TableBlock) {
            table(n, out);
        }
    }

    private static void code(String literal, StringBuilder out) {
        out.append(".PP\n.RS 4\n.nf\n").append(text(literal.stripTrailing())).append("\n.fi\n.RE\n");
    }

    private static void list(Node list, StringBuilder out) {
        int i = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            out.append(list instanceof OrderedList ? ".IP " + i++ + ". 4\n" : ".IP \\(bu 2\n");
            boolean first = true;
            for (Node c = ((ListItem) item).getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof Paragraph) {
                    out.append(first ? "" : ".IP \"\" 2\n").append(line(inline(c))).append('\n');
                } else {
                    out.append(".RS\n");
                    block(c, out);
                    out.append(".RE\n");
                }
                first = false;
            }
        }
    }

    /** A tbl table: every cell a text block, so that long cells wrap; the header bold. */
    private static void table(Node table, StringBuilder out) {
        StringBuilder rows = new StringBuilder();
        int columns = 0;
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                int n = 0;
                StringBuilder cells = new StringBuilder();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext(), n++) {
                    String text = inline(cell);
                    cells.append(n == 0 ? "" : "\t").append("T{\n").append(line(part instanceof TableHead
                            ? "\\fB" + text + "\\fR" : text)).append("\nT}");
                }
                columns = Math.max(columns, n);
                rows.append(cells).append('\n');
            }
        }
        out.append(".PP\n.TS\ntab(\t);\n").append("lx ".repeat(columns).strip()).append(".\n").append(rows).append(".TE\n");
    }

    /** A paragraph's text as roff lines: no line may start with a request character. */
    private static String line(String s) {
        return s.strip().replaceAll("\n[ \t]*", "\n").replaceAll("(?m)^([.'])", "\\\\&$1");
    }

    private static String inline(Node parent) {
        StringBuilder out = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.append(text(t.getLiteral()));
            } else if (n instanceof Code c) {
                out.append(literal(c.getLiteral()));
            } else if (n instanceof Emphasis) {
                out.append("\\fI").append(inline(n)).append("\\fR");
            } else if (n instanceof StrongEmphasis) {
                out.append("\\fB").append(inline(n)).append("\\fR");
            } else if (n instanceof SoftLineBreak) {
                out.append('\n');
            } else if (n instanceof HardLineBreak) {
                out.append("\n.br\n");
            } else if (n instanceof TableCell || n instanceof TableRow || n.getFirstChild() != null) {
                out.append(inline(n));
            }
        }
        return out.toString();
    }
}
