package herd.dhcp;

import herd.files.FileChange;

/**
 * What a {@code dhcp add|remove|set} did.
 *
 * @param diff the unified diff of the change ("" when nothing changed)
 * @param written the file was replaced
 * @param applied dhcpd was restarted on the new file
 */
public record DhcpResult(FileChange change, String diff, boolean written, boolean applied) {
}
