package herd.net;

/**
 * A node as {@code net sync/check/import} see it: name, cluster address and boot MAC (null when
 * unknown), and where it was declared (inventory file and line) for messages.
 */
public record NetNode(String name, String ip, String mac, String source, int line) {
}
