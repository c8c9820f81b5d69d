package herd.files;

/** What an edit command does with its validated change. */
public enum WriteMode {
    /** Validate and show the unified diff; write nothing. */
    DRY_RUN,
    /** Validate and write the file (atomically, with a backup). */
    WRITE,
    /** Write, then make the server use it (restart dhcpd, reload the zone and verify). */
    APPLY
}
