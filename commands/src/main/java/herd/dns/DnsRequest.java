package herd.dns;

import herd.files.WriteMode;

/**
 * One {@code dns add|remove} request.
 *
 * <pre>{@code
 * new DnsRequest("valkyrie03", "A", "10.10.3.3", false, null, WriteMode.APPLY);
 * }</pre>
 *
 * @param name a short name (qualified with the domain), an absolute name, or an IP for PTR
 * @param type A, AAAA, CNAME or PTR; null on remove = every A/AAAA/CNAME of the name
 * @param value the data; null on remove = any
 * @param noPtr do not add/remove the PTR that goes with an A/AAAA
 * @param dynamic TRUE: RFC 2136 update, FALSE: file edit, null: the inventory's setting
 * @param ttl the TTL asked for on add (seconds or BIND units such as {@code 5m}); null: as the neighbours
 */
public record DnsRequest(String name, String type, String value, boolean noPtr, Boolean dynamic, WriteMode mode,
        String ttl) {

    public DnsRequest(String name, String type, String value, boolean noPtr, Boolean dynamic, WriteMode mode) {
        this(name, type, value, noPtr, dynamic, mode, null);
    }
}
