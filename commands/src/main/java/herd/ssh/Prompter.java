package herd.ssh;

import java.util.Optional;

/**
 * Asks the person at the terminal for a secret (a key passphrase, a sudo password), without echo.
 * Empty when nobody can answer (batch mode, tests).
 *
 * <pre>{@code
 * Prompter none = prompt -> Optional.empty();
 * }</pre>
 */
@FunctionalInterface
public interface Prompter {

    Optional<char[]> ask(String prompt);
}
