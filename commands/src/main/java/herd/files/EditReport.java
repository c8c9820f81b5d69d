package herd.files;

import java.util.ArrayList;
import java.util.List;

/**
 * What an edit command reports: the files it changed (or would), the entries touched, and
 * whether it wrote and applied. {@code diff} is the unified diff (for {@code --dry-run} and JSON).
 */
public record EditReport(List<String> files, List<String> changes, boolean written, boolean applied, String diff) {

    public static EditReport of(List<FileChange> all, List<String> changes, boolean written, boolean applied) {
        List<FileChange> changed = all.stream().filter(FileChange::changed).toList();
        return new EditReport(changed.stream().map(FileChange::path).toList(), List.copyOf(changes), written, applied,
                String.join("", changed.stream().map(FileChange::diff).toList()));
    }

    /** Lines for people: the diff of a dry run, else what was done. */
    public List<String> lines() {
        if (!written && !diff.isEmpty()) {
            return List.of(diff.stripTrailing());
        }
        if (files.isEmpty() && changes.isEmpty()) {
            return List.of("no change");
        }
        String done = written ? (applied ? "written and applied: " : "written: ") : applied ? "applied: " : "would change: ";
        List<String> out = new ArrayList<>(changes);
        out.add(done + String.join(", ", files.isEmpty() ? List.of("(dynamic update)") : files));
        return out;
    }
}
