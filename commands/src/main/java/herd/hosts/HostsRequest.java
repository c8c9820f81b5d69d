package herd.hosts;

import herd.files.WriteMode;
import java.util.List;

/**
 * One {@code hosts add|remove} request ({@code ip} and {@code aliases} unused by remove).
 *
 * <pre>{@code
 * new HostsRequest("valkyrie03", "10.10.3.3", List.of("valkyrie03.cluster.local"), WriteMode.WRITE);
 * }</pre>
 */
public record HostsRequest(String name, String ip, List<String> aliases, WriteMode mode) {
    public HostsRequest {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
