package herd.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rows of named columns, a typed result the renderer prints as aligned columns (people) or as an
 * array of objects keyed by column name (JSON).
 *
 * <pre>{@code
 * Table t = Table.of("node", "ip", "mac").row("odin", "10.10.0.1", "08:00:27:dc:f8:f5");
 * session.out().result(t);
 * }</pre>
 *
 * @param columns column names, lower case (they are the JSON keys; people see them upper-cased)
 * @param rows    cells as text, one list per row, each as long as {@code columns}
 */
public record Table(List<String> columns, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells for " + columns);
            }
        }
    }

    public static Table of(String... columns) {
        return new Table(Arrays.asList(columns), List.of());
    }

    /** A new table with one more row; {@code null} cells print empty. */
    public Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : Objects.toString(cell));
        }
        List<List<String>> all = new ArrayList<>(rows);
        all.add(row);
        return new Table(columns, all);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
