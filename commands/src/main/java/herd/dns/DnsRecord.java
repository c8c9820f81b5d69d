package herd.dns;

/** One record as found in a zone file ({@code ttl} "" when inherited). */
public record DnsRecord(String zone, String name, String ttl, String type, String value, String file, int line) {

    @Override
    public String toString() {
        return name + " " + type + " " + value;
    }
}
