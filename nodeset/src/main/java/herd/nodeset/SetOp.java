package herd.nodeset;

/** The nodeset operators, applied left to right: {@code a,b!c&d^e}. */
public enum SetOp {
    UNION(','), DIFFERENCE('!'), INTERSECTION('&'), XOR('^');

    private final char symbol;

    SetOp(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    /** The operator written {@code c}, or null. */
    public static SetOp of(char c) {
        for (SetOp op : values()) {
            if (op.symbol == c) {
                return op;
            }
        }
        return null;
    }

    /** Index of the first operator character in {@code s}, or -1. */
    static int next(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (of(s.charAt(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    public NodeSet apply(NodeSet left, NodeSet right) {
        return switch (this) {
            case UNION -> left.union(right);
            case DIFFERENCE -> left.difference(right);
            case INTERSECTION -> left.intersection(right);
            case XOR -> left.symmetricDifference(right);
        };
    }

    public RangeSet apply(RangeSet left, RangeSet right) {
        return switch (this) {
            case UNION -> left.union(right);
            case DIFFERENCE -> left.difference(right);
            case INTERSECTION -> left.intersection(right);
            case XOR -> left.symmetricDifference(right);
        };
    }
}
