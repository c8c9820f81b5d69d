package herd.session;

/**
 * A count with its noun in the right number, for every count herd prints.
 *
 * <pre>{@code
 * Count.of(1, "group");                       // "1 group"
 * Count.of(3, "inconsistency", "inconsistencies");  // "3 inconsistencies"
 * }</pre>
 */
public final class Count {

    private Count() {
    }

    /** {@code n} and the noun, with an "s" unless {@code n} is one. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and the singular or the plural form. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The noun alone, in the number that {@code n} asks for ("1 of 1 node", "2 of 5 nodes"). */
    public static String noun(long n, String noun) {
        return n == 1 ? noun : noun + "s";
    }
}
