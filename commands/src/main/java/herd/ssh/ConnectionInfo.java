package herd.ssh;

import java.time.Duration;
import java.time.Instant;

/**
 * One open connection, as listed by {@code connections}.
 *
 * @param node     the node name
 * @param address  {@code user@host:port}
 * @param opened   when the connection was opened
 * @param idle     time since its last use
 * @param channels channels open on it now
 */
public record ConnectionInfo(String node, String address, Instant opened, Duration idle, int channels) { }
