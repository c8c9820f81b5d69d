package herd.files;

/**
 * A proposed new content for one file: what was read ({@code before}, with its modification time)
 * and what herd wants to write ({@code after}).
 */
public record FileChange(String path, String before, String after, long readAt) {

    public boolean changed() {
        return !before.equals(after);
    }

    /** The unified diff for {@code --dry-run}, "" when unchanged; shown as UTF-8 (the texts are bytes). */
    public String diff() {
        return Text.display(UnifiedDiff.of(path, before, after));
    }

    public FileChange withAfter(String text) {
        return new FileChange(path, before, text, readAt);
    }
}
