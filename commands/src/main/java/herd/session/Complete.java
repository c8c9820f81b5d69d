package herd.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says what TAB offers for a command parameter ({@code @Option} or {@code @Argument}/{@code @Arguments}).
 *
 * <pre>{@code
 * public void power(@Complete(values = {"on", "off", "status"}) @Argument(index = 0) String action,
 *                   @Complete(Kind.NODES) @Option(longName = "nodes", shortName = 'w') String nodes)
 * }</pre>
 *
 * Enum-typed parameters complete their constants without it; an option named {@code nodes} or
 * {@code exclude} completes as {@link Kind#NODES} without it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Complete {

    /** What kind of value the parameter takes. */
    Kind value() default Kind.VALUES;

    /** The fixed choices for {@link Kind#VALUES}. */
    String[] values() default {};

    /** Kinds of values the shell knows how to complete. */
    enum Kind {
        /** A nodeset expression: node names, {@code @groups}, {@code @source:group}, ranges. */
        NODES,
        /** One node of the inventory. */
        NODE,
        /** A group name (without {@code @}). */
        GROUP,
        /** A local file path. */
        FILES,
        /** A session variable name. */
        VARIABLES,
        /** A herd command name. */
        COMMANDS,
        /** The fixed {@link Complete#values()}. */
        VALUES,
        /** Nothing to offer (free text). */
        NONE
    }
}
