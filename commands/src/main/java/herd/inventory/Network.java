package herd.inventory;

/**
 * A subnet herd may hand out addresses in.
 *
 * @param name       label, e.g. {@code ice1-1}
 * @param subnet     CIDR, e.g. {@code 10.10.0.0/16}
 * @param gateway    router address or null
 * @param nextServer PXE next-server or null
 */
public record Network(String name, String subnet, String gateway, String nextServer) {
}
