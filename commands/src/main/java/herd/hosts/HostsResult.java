package herd.hosts;

import herd.files.FileChange;

/** What a {@code hosts add|remove} did: the change, its diff, whether the file was written. */
public record HostsResult(FileChange change, String diff, boolean written) {
}
