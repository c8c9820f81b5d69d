package herd.dhcp;

import herd.files.WriteMode;
import herd.session.UsageException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code dhcp add|remove|set} request. Null fields are "not given".
 *
 * <pre>{@code
 * DhcpRequest r = DhcpRequest.of("valkyrie03", WriteMode.DRY_RUN)
 *         .withMac("08:00:27:18:69:bc").withIp("10.10.3.3");
 * }</pre>
 *
 * @param ip one address, a DNS name, or several separated by commas
 * @param hostName {@code option host-name}; null on add = as the sibling hosts do
 * @param noHostName {@code --no-hostname}: none on add, dropped on set
 * @param options further statements, key (e.g. {@code option root-path}) to value text as written
 * @param unset keys of statements to drop ({@code set} only)
 */
public record DhcpRequest(String name, String mac, String ip, String hostName, boolean noHostName, String filename,
        String nextServer, Map<String, String> options, Set<String> unset, WriteMode mode) {

    private static final Pattern DNS_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

    public DhcpRequest {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        unset = unset == null ? Set.of() : Set.copyOf(unset);
    }

    public static DhcpRequest of(String name, WriteMode mode) {
        return new DhcpRequest(name, null, null, null, false, null, null, Map.of(), Set.of(), mode);
    }

    public DhcpRequest withMac(String v) {
        return new DhcpRequest(name, v, ip, hostName, noHostName, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withIp(String v) {
        return new DhcpRequest(name, mac, v, hostName, noHostName, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withHostName(String v) {
        return new DhcpRequest(name, mac, ip, v, noHostName, filename, nextServer, options, unset, mode);
    }

    /** {@code --no-hostname} when {@code none} is true. */
    public DhcpRequest withoutHostName(boolean none) {
        return new DhcpRequest(name, mac, ip, hostName, none, filename, nextServer, options, unset, mode);
    }

    public DhcpRequest withFilename(String v) {
        return new DhcpRequest(name, mac, ip, hostName, noHostName, v, nextServer, options, unset, mode);
    }

    public DhcpRequest withNextServer(String v) {
        return new DhcpRequest(name, mac, ip, hostName, noHostName, filename, v, options, unset, mode);
    }

    public DhcpRequest withOption(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(key, value);
        return new DhcpRequest(name, mac, ip, hostName, noHostName, filename, nextServer, more, unset, mode);
    }

    /** {@code --option 'root-path "/srv"; domain-name-servers 10.10.0.1'}: each becomes an {@code option} statement. */
    public DhcpRequest withOptions(String statements) {
        DhcpRequest out = this;
        for (String statement : statements == null ? new String[0] : statements.split(";")) {
            String[] kv = statement.strip().split("\\s+", 2);
            if (kv.length == 2) {
                out = out.withOption("option " + kv[0], kv[1]);
            } else if (!kv[0].isEmpty()) {
                throw new UsageException("--option '" + statement.strip() + "': expected NAME VALUE");
            }
        }
        return out;
    }

    /**
     * The statements to write, validated: MAC canonical, addresses separated by ", ", file name
     * quoted; the host name is the edit's to place ({@code option host-name} is not among them).
     */
    Map<String, String> statements() {
        if (hostName != null && hostName.isEmpty()) {
            throw new DhcpException("host " + name + ": empty host name (--no-hostname writes none)");
        }
        if (hostName != null && !HOST_NAME.matcher(hostName).matches()) {
            throw new DhcpException("host " + name + ": bad host-name '" + hostName
                    + "' (letters, digits, '-' and '.'; no leading '-')");
        }
        if (hostName != null && noHostName) {
            throw new DhcpException("host " + name + ": --hostname and --no-hostname together");
        }
        Map<String, String> f = new LinkedHashMap<>();
        if (mac != null) {
            if (!DhcpChecks.validMac(mac)) {
                throw new DhcpException("host " + name + ": bad MAC address '" + mac
                        + "' (expected 6 octets like 08:00:27:18:68:bc)");
            }
            f.put("hardware ethernet", DhcpChecks.canonicalMac(mac));
        }
        if (ip != null) {
            f.put("fixed-address", String.join(", ", Arrays.stream(ip.split(",", -1)).map(String::strip)
                    .map(this::address).toList()));
        }
        if (filename != null) {
            f.put("filename", DhcpEdits.quoted(filename));
        }
        if (nextServer != null) {
            f.put("next-server", nextServer);
        }
        f.putAll(options);
        return f;
    }

    /** An IPv4 literal or a DNS name, as dhcpd takes them in {@code fixed-address}. */
    private String address(String a) {
        if (a.matches("[0-9.]+") ? DhcpSubnet.ipv4(a) < 0 : !DNS_NAME.matcher(a).matches()) {
            throw new DhcpException("host " + name + (a.matches("[0-9.]+") ? ": bad IPv4 address '" + a + "'"
                    : ": bad fixed-address '" + a + "' (expected IPv4 addresses or DNS names, comma-separated)"));
        }
        return a;
    }

    public DhcpRequest withUnset(Set<String> keys) {
        return new DhcpRequest(name, mac, ip, hostName, noHostName, filename, nextServer, options, keys, mode);
    }

    /** {@code --unset filename,host-name,mac}: short names for the statements herd knows, else statement keys. */
    public DhcpRequest withUnsetNames(String commaSeparated) {
        if (commaSeparated == null) {
            return this;
        }
        return withUnset(Set.copyOf(Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .map(s -> s.equals("host-name") ? "option host-name" : s.equals("mac") ? "hardware ethernet" : s)
                .toList()));
    }
}
