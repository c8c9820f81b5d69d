package herd.files;

import herd.error.HerdException;
import java.util.List;

/**
 * A file edit that was refused or failed. The message is one line per problem, each naming the
 * file and line; {@link #problems()} keeps them as data.
 */
public class FileEditException extends HerdException {
    private static final long serialVersionUID = 1L;
    private final transient List<FileProblem> problems;

    public FileEditException(List<FileProblem> problems) {
        super(String.join("\n", problems.stream().map(FileProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public FileEditException(String file, int line, String message) {
        this(List.of(new FileProblem(file, line, message)));
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
