package herd.services;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DNS part of the inventory ({@code cluster.domain}, {@code services.dns}).
 *
 * @param zones zone name to zone file, in inventory order
 * @param domain the nodes' domain: short names are qualified with it
 * @param server address where named answers (queries, updates); port its port
 * @param rndc command prefix for {@code reload}, {@code freeze}, {@code thaw}; blank = none
 * @param tsig the update key, null when none is configured
 * @param dynamic true: {@code dns add/remove} use RFC 2136 updates by default
 */
public record DnsSettings(Map<String, String> zones, String domain, String server, int port, String rndc,
        TsigKey tsig, boolean dynamic) {

    /** A TSIG key: name, algorithm (e.g. hmac-sha256) and base64 secret, already resolved. */
    public record TsigKey(String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return "TsigKey[" + name + ", " + algorithm + "]";
        }
    }

    public DnsSettings {
        zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        domain = domain == null ? "" : domain;
        server = server == null ? "127.0.0.1" : server;
        rndc = rndc == null ? "" : rndc;
    }
}
