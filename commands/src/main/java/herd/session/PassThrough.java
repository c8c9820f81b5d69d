package herd.session;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Command} method whose trailing arguments are a command for somewhere else:
 * from the first positional word on, every word (also {@code -x} words) is an argument, verbatim.
 * Options of the herd command go before it: {@code exec -w @compute ls -la /tmp}. A command that
 * declares no {@code @Option} takes all its words verbatim ({@code nodeset -f @compute}).
 * Without this mark, {@code --} does the same for any command: {@code run -- -x}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PassThrough {
}
