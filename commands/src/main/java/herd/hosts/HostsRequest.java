package herd.hosts;

import herd.files.WriteMode;
import java.util.List;

/**
 * One {@code hosts add|remove} request.
 *
 * <pre>{@code
 * new HostsRequest("valkyrie03", "10.10.3.3", List.of("valkyrie03.cluster.local"), WriteMode.WRITE);
 * new HostsRequest(null, "10.10.3.3", List.of(), WriteMode.WRITE);   // remove --ip
 * }</pre>
 *
 * @param name the host name; null on a remove by address
 * @param ip the address to add, or on remove the address whose lines go (with a null name)
 * @param line on remove: a name found only as an alias takes its whole line
 */
public record HostsRequest(String name, String ip, List<String> aliases, WriteMode mode, boolean line) {
    public HostsRequest {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public HostsRequest(String name, String ip, List<String> aliases, WriteMode mode) {
        this(name, ip, aliases, mode, false);
    }
}
