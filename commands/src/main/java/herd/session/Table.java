package herd.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * @param rows    cells, one list per row, each as long as {@code columns}; people see a cell's
 *                {@code toString()} (a NodeSet folds), JSON keeps numbers and booleans; null = absent
 */
public record Table(List<String> columns, List<List<Object>> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells for " + columns);
            }
        }
    }

    public static Table of(String... columns) {
        return new Table(Arrays.asList(columns), List.of());
    }

    /** A new table with one more row; {@code null} cells print as {@code -}. */
    public Table row(Object... cells) {
        List<List<Object>> all = new ArrayList<>(rows);
        all.add(java.util.Collections.unmodifiableList(new ArrayList<>(Arrays.asList(cells))));
        return new Table(columns, all);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
