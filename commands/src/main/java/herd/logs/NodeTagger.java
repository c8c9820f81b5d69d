package herd.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the inventory node a line concerns: by MAC (DHCP), by client IP (TFTP, HTTP, DHCP), by the
 * DHCP host name, else by a node name appearing as a word in the message ({@code nodes/valkyrie01.ipxe}).
 * <pre>{@code
 * NodeTagger tagger = new NodeTagger(List.of(new NodeTagger.Address("valkyrie01", "10.10.3.1", "08:00:27:0d:f8:a5")));
 * }</pre>
 */
public final class NodeTagger {

    /** A node's names for tagging; ip or mac may be "". */
    public record Address(String node, String ip, String mac) {
    }

    private final Map<String, String> byMac = new HashMap<>();
    private final Map<String, String> byIp = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();

    public NodeTagger(List<Address> addresses) {
        for (Address a : addresses) {
            if (!a.mac().isEmpty()) {
                byMac.put(MessageParser.normalizeMac(a.mac()), a.node());
            }
            if (!a.ip().isEmpty()) {
                byIp.put(a.ip(), a.node());
            }
            byName.put(a.node().toLowerCase(Locale.ROOT), a.node());
        }
    }

    public Optional<String> tag(LogEvent event, String message) {
        String node = null;
        if (event instanceof LogEvent.Dhcp d) {
            node = first(byMac.get(d.mac()), byIp.get(d.ip()), byName(d.hostname()));
        } else if (event instanceof LogEvent.Tftp t) {
            node = byIp.get(t.clientIp());
        } else if (event instanceof LogEvent.Http h) {
            node = first(byIp.get(h.clientIp()), word(h.path()));
        }
        return Optional.ofNullable(node != null ? node : word(message));
    }

    private String byName(String hostname) {
        return hostname.isEmpty() ? null : byName.get(hostname.toLowerCase(Locale.ROOT).replaceFirst("\\..*", ""));
    }

    /** The first token of the text that is a node name (tokens split on anything but [A-Za-z0-9_-]). */
    private String word(String text) {
        for (String token : text.split("[^A-Za-z0-9_-]+")) {
            String node = byName.get(token.toLowerCase(Locale.ROOT));
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
