package herd.ssh;

import java.util.List;

/**
 * One meaningful line of an ssh_config file, as read once: a condition that starts a block
 * ({@code Host} or {@code Match}), a setting herd uses, or an {@code Include} with the files it
 * read. {@link Resolution} walks these in order for each host.
 */
sealed interface ConfigEntry {

    /** The settings herd takes from ssh_config. */
    enum Key { HOSTNAME, USER, PORT, IDENTITYFILE, PROXYJUMP }

    /** A {@code Host} line: its patterns match the name as given. */
    record Host(Patterns patterns) implements ConfigEntry { }

    /** A {@code Match} line. */
    record Match(MatchCondition condition) implements ConfigEntry { }

    /**
     * A setting; {@code userFile} tells the user's files from the system's (OpenSSH keeps an
     * IdentityFile named in both), {@code where} is "FILE:LINE" for errors found when it applies.
     */
    record Setting(Key key, String value, boolean userFile, String where) implements ConfigEntry { }

    /** An {@code Include}: the entries of each file it named, in sorted file order. */
    record Include(List<List<ConfigEntry>> files) implements ConfigEntry { }
}
