package herd.inventory;

import java.util.List;

/**
 * The inventory's {@code audit:} section (docs/inventory.md): where the record of changing
 * commands goes. Absent keys are null, except {@code required} (true) and {@code facility}.
 *
 * @param file     the audit log; null = the default (/var/log/herd/audit.log as root, else
 *                 $XDG_STATE_HOME/herd/audit.log)
 * @param required a log that cannot be written stops changing commands
 * @param syslog   a local syslog socket (e.g. /dev/log) that also gets each record, or null
 * @param facility the syslog facility of the records
 */
public record Audit(String file, boolean required, String syslog, String facility) {

    /** The syslog facilities of RFC 5424, by code. */
    public static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");

    static final Audit DEFAULT = new Audit(null, true, null, "authpriv");

    static Audit read(YamlMap a) {
        if (a == null) {
            return DEFAULT;
        }
        boolean required = !a.has("required") || a.bool("required");
        String facility = a.string("facility");
        if (facility != null && !FACILITIES.contains(facility)) {
            throw a.error("facility", "unknown syslog facility \"" + facility + "\" (" + String.join(", ", FACILITIES) + ")");
        }
        String syslog = a.string("syslog");
        if (syslog != null && !syslog.startsWith("/")) {
            throw a.error("syslog", "expected the path of a local syslog socket (e.g. /dev/log), got \"" + syslog + "\"");
        }
        Audit audit = new Audit(a.string("file"), required, syslog, facility == null ? DEFAULT.facility() : facility);
        a.finish();
        return audit;
    }
}
