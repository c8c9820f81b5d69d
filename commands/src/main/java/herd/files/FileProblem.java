package herd.files;

/**
 * One problem found in a file: {@code FILE:LINE: message}. Line 0 means "the file as a whole".
 *
 * <pre>{@code
 * new FileProblem("/etc/dhcp/dhcpd.conf", 12, "bad MAC address '08:00:27:18:68'").toString();
 * // "/etc/dhcp/dhcpd.conf:12: bad MAC address '08:00:27:18:68'"
 * }</pre>
 */
public record FileProblem(String file, int line, String message) {

    /** The same problem reported against another file name (a temporary copy mapped back). */
    public FileProblem inFile(String name) {
        return new FileProblem(name, line, message);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
