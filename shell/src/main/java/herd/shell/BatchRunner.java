package herd.shell;

import herd.session.Count;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Runs a {@code .csh} batch: one command per line, {@code #} comments, blank lines, {@code \}
 * continuation, {@code $NAME} variables. Stops at the first failing line (its error reads
 * {@code herd: FILE:LINE: message}) unless keep-going is set, in which case it runs every line
 * and returns the last failing status.
 *
 * <pre>{@code
 * int status = new BatchRunner(executor).run(Path.of("bringup.csh"), console, false);
 * }</pre>
 */
public final class BatchRunner {

    private static final int MAX_DEPTH = 16;

    private final Executor executor;
    private int depth;
    private boolean checkOnly;

    public BatchRunner(Executor executor) {
        this.executor = executor;
    }

    /** {@code herd -n}: lines are parsed and checked, none is run. */
    public void checkOnly(boolean check) {
        this.checkOnly = check;
    }

    public int run(Path file, Console console, boolean keepGoing) {
        return run(file, file.toString(), console, keepGoing);
    }

    /** Runs {@code file}, naming it {@code name} in errors (a shared session reads the client's file). */
    public int run(Path file, String name, Console console, boolean keepGoing) {
        if (depth >= MAX_DEPTH) {
            new ErrorReporter(console.err(), false).message(name, "batch files nested more than " + MAX_DEPTH + " deep");
            return 2;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            depth++;
            return run(name, reader, console, keepGoing);
        } catch (NoSuchFileException e) {
            new ErrorReporter(console.err(), false).message(name, "no such file");
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            new ErrorReporter(console.err(), false).message(name, "cannot read: " + e.getMessage());
            return 2;
        } finally {
            depth = Math.max(0, depth - 1);
        }
    }

    /** Runs lines read from {@code reader}; {@code name} is used in positions ("-" for stdin). */
    public int run(String name, Reader reader, Console console, boolean keepGoing) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNo = 0;
        int failures = 0;
        int lastFailure = 0;
        String physical;
        while ((physical = lines.readLine()) != null) {
            lineNo++;
            int start = lineNo;
            StringBuilder logical = new StringBuilder();
            while (continues(physical)) {
                logical.append(physical, 0, physical.length() - 1);
                String next = lines.readLine();
                if (next == null) {
                    physical = "";
                    break;
                }
                lineNo++;
                physical = next;
            }
            logical.append(physical);
            int status = checkOnly ? executor.check(logical.toString(), name + ":" + start, console)
                    : executor.run(logical.toString(), name + ":" + start, console);
            if (status != 0) {
                if (!keepGoing) {
                    return status;
                }
                failures++;
                lastFailure = status;
            }
        }
        if (failures > 0) {
            new ErrorReporter(console.err(), false).message(name, Count.of(failures, "line") + " failed");
        }
        return lastFailure;
    }

    /** A line ending in an odd number of backslashes continues on the next one. */
    static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
