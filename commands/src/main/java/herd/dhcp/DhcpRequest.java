package herd.dhcp;

import herd.files.WriteMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@code dhcp add|remove|set} request. Null fields are "not given".
 *
 * <pre>{@code
 * DhcpRequest r = DhcpRequest.of("valkyrie03", WriteMode.DRY_RUN)
 *         .withMac("08:00:27:18:69:bc").withIp("10.10.3.3");
 * }</pre>
 *
 * @param options further statements, key (e.g. {@code option root-path}) to value text as written
 * @param unset keys of statements to drop ({@code set} only)
 */
public record DhcpRequest(String name, String mac, String ip, String hostName, String filename, String nextServer,
        Map<String, String> options, Set<String> unset, WriteMode mode) {

    public DhcpRequest {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        unset = unset == null ? Set.of() : Set.copyOf(unset);
    }

    public static DhcpRequest of(String name, WriteMode mode) {
        return new DhcpRequest(name, null, null, null, null, null, Map.of(), Set.of(), mode);
    }

    public DhcpRequest withMac(String v) {
        return new DhcpRequest(name, v, ip, hostName, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withIp(String v) {
        return new DhcpRequest(name, mac, v, hostName, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withHostName(String v) {
        return new DhcpRequest(name, mac, ip, v, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withFilename(String v) {
        return new DhcpRequest(name, mac, ip, hostName, v, nextServer, options, unset, mode);
    }

    public DhcpRequest withNextServer(String v) {
        return new DhcpRequest(name, mac, ip, hostName, filename, v, options, unset, mode);
    }

    public DhcpRequest withOption(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(key, value);
        return new DhcpRequest(name, mac, ip, hostName, filename, nextServer, more, unset, mode);
    }

    public DhcpRequest withUnset(Set<String> keys) {
        return new DhcpRequest(name, mac, ip, hostName, filename, nextServer, options, keys, mode);
    }
}
