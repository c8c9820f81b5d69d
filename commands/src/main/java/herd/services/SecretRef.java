package herd.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves an inventory secret reference: {@code env:NAME}, {@code file:PATH#KEY} (a
 * {@code KEY=VALUE} line of a file only its owner may read) or {@code prompt}.
 *
 * <pre>{@code
 * String secret = SecretRef.resolve("file:/etc/herd/secrets#ddns-key", System.getenv(), p -> ask(p));
 * }</pre>
 */
public final class SecretRef {
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private SecretRef() {
    }

    public static String resolve(String ref, Map<String, String> env, Function<String, char[]> prompt) {
        if (ref.startsWith("env:")) {
            String v = env.get(ref.substring(4));
            if (v == null) {
                throw new ServicesException("secret " + ref + ": environment variable " + ref.substring(4) + " is not set");
            }
            return v;
        }
        if (ref.startsWith("file:")) {
            return fromFile(ref);
        }
        if (ref.equals("prompt")) {
            return new String(prompt.apply("TSIG secret: "));
        }
        throw new ServicesException("secret reference '" + ref + "' is not env:NAME, file:PATH#KEY or prompt");
    }

    private static String fromFile(String ref) {
        int hash = ref.lastIndexOf('#');
        if (hash < 0) {
            throw new ServicesException("secret " + ref + ": expected file:PATH#KEY");
        }
        Path file = Path.of(ref.substring(5, hash));
        String key = ref.substring(hash + 1);
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(SHARED::contains)) {
                throw new ServicesException("secret file " + file + " is readable by group or others; chmod 600 it");
            }
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).strip().equals(key)) {
                    return line.substring(eq + 1).strip();
                }
            }
        } catch (IOException e) {
            throw new ServicesException("secret file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        throw new ServicesException("secret file " + file + " has no " + key + "= line");
    }
}
