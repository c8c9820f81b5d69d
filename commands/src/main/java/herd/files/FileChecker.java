package herd.files;

import java.util.List;

/**
 * Validates the proposed content of a file before it is written. Problems name the real file
 * (not a temporary copy) and the line.
 */
@FunctionalInterface
public interface FileChecker {

    List<FileProblem> check(String path, String proposed);
}
