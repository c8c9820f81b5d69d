package herd.logs;

import java.util.Optional;

/**
 * A line with what it says and the inventory node it concerns (by MAC, IP or host name).
 * <pre>{@code
 * TaggedLine t = parser.parse("/var/log/dhcpd.log", rawLine, Instant.now());
 * t.node().ifPresent(n -> System.out.println(n + ": " + t.line().message()));
 * }</pre>
 */
public record TaggedLine(LogLine line, LogEvent event, Optional<String> node) {
}
