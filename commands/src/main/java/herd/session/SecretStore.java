package herd.session;

import herd.error.HerdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the secret references of the inventory ({@code password:}, {@code secret:}):
 * {@code env:NAME}, {@code file:PATH#KEY} (a {@code KEY=VALUE} line of a file only its owner may
 * read) and {@code prompt} (asked once per session and scope, then kept in memory).
 *
 * <pre>{@code
 * SecretStore secrets = session.resource(SecretStore.class, () -> new SecretStore(System.getenv()));
 * String pw = secrets.resolve("file:/etc/herd/secrets#bmc", "BMC password of admin", session.out()::askSecret);
 * }</pre>
 *
 * Secrets never appear in messages: a reference that is not one of the three forms is refused
 * without being quoted (it may be a password typed in the wrong place).
 */
public final class SecretStore implements AutoCloseable {

    /** Asks a person for a secret without echo; the prompt is the purpose alone, the terminal adds its colon. */
    @FunctionalInterface
    public interface Prompter {
        char[] ask(String prompt);
    }

    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, String> environment;
    private final Map<String, String> prompted = new HashMap<>();

    public SecretStore(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The secret {@code reference} points to.
     *
     * @param purpose what the secret is for, in messages and the prompt ("BMC password of admin");
     *                prompted secrets are kept per purpose
     */
    public synchronized String resolve(String reference, String purpose, Prompter prompter) {
        if (reference == null || reference.isBlank()) {
            throw new HerdException(purpose + ": no secret reference in the inventory");
        }
        if (reference.startsWith("env:")) {
            return fromEnvironment(reference.substring(4), purpose);
        }
        if (reference.startsWith("file:")) {
            return fromFile(reference.substring(5), purpose);
        }
        if (reference.equals("prompt")) {
            return prompted.computeIfAbsent(purpose, p -> ask(p, prompter));
        }
        throw new HerdException(purpose + ": the inventory value is not a secret reference"
                + " (env:NAME, file:PATH#KEY or prompt); literal secrets are refused");
    }

    private String fromEnvironment(String name, String purpose) {
        String value = environment.get(name);
        if (value == null) {
            throw new HerdException(purpose + ": environment variable " + name + " is not set");
        }
        return value;
    }

    private String fromFile(String pathAndKey, String purpose) {
        int hash = pathAndKey.lastIndexOf('#');
        if (hash <= 0 || hash == pathAndKey.length() - 1) {
            throw new HerdException(purpose + ": file reference needs PATH#KEY: file:" + pathAndKey);
        }
        Path path = expand(pathAndKey.substring(0, hash));
        String key = pathAndKey.substring(hash + 1);
        List<String> lines;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (!Collections.disjoint(mode, NOT_OWNER)) {
                throw new HerdException(path + ": readable by group or others (" + modeString(mode)
                        + "); herd refuses it: chmod 600 " + path);
            }
            lines = Files.readAllLines(path);
        } catch (NoSuchFileException e) {
            throw new HerdException(path + ": no such file (" + purpose + ")");
        } catch (IOException e) {
            throw new HerdException(path + ": cannot read (" + purpose + "): " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && line.substring(0, eq).strip().equals(key)) {
                return line.substring(eq + 1).strip();
            }
        }
        throw new HerdException(path + ": no line " + key + "=... (" + purpose + ")");
    }

    private static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }

    private static String modeString(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.toString(mode);
    }

    private static String ask(String purpose, Prompter prompter) {
        char[] typed = prompter.ask(purpose);
        try {
            return new String(typed);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** Forgets the prompted secrets. */
    @Override
    public synchronized void close() {
        prompted.clear();
    }
}
