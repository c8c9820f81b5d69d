package herd.inventory;

import herd.error.HerdException;

/**
 * The inventory cannot be used: {@code cluster.yaml:12: nodes.odin.ip: not an IPv4 address "10.10.0.300"}.
 * The message always starts with the file and line (when known) and names the field.
 */
public class InventoryException extends HerdException {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }

    /** {@code FILE:LINE: FIELD: PROBLEM}; line is 1-based, 0 when unknown. */
    public static InventoryException at(String file, int line, String field, String problem) {
        String where = line > 0 ? file + ":" + line : file;
        return new InventoryException(where + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
}
