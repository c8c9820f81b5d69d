package herd.pxe;

/**
 * One entry of the PXE tree to write: a regular file with {@code content}, or a relative symlink
 * to {@code linkTarget} (exactly one of the two is non-null).
 */
record PlannedFile(String path, String content, String linkTarget) {

    static PlannedFile file(String path, String content) {
        return new PlannedFile(path, content, null);
    }

    static PlannedFile link(String path, String target) {
        return new PlannedFile(path, null, target);
    }

    boolean isLink() {
        return linkTarget != null;
    }
}
