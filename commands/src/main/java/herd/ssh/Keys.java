package herd.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Private keys of the session, each read (and its passphrase asked) once, then shared by every
 * connection. A key that cannot be read is remembered with the reason, and never asked again.
 */
final class Keys {

    private final Config config;
    private final Prompter prompter;
    private final Map<Path, KeyProvider> loaded = new HashMap<>();
    private final Map<Path, String> broken = new HashMap<>();

    Keys(Config config, Prompter prompter) {
        this.config = config;
        this.prompter = prompter;
    }

    /** The usable keys among {@code files}, in order; missing files are skipped as OpenSSH does. */
    synchronized List<KeyProvider> providers(List<Path> files) {
        List<KeyProvider> providers = new ArrayList<>();
        for (Path file : files) {
            if (!loaded.containsKey(file) && !broken.containsKey(file) && Files.isReadable(file)) {
                load(file);
            }
            if (loaded.containsKey(file)) {
                providers.add(loaded.get(file));
            }
        }
        return providers;
    }

    /** Why the keys among {@code files} that exist could not be used ("" when none failed). */
    synchronized String problems(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path file : files) {
            if (broken.containsKey(file)) {
                out.add(broken.get(file));
            }
        }
        return String.join("; ", out);
    }

    private void load(Path file) {
        PasswordFinder finder = new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return prompter.ask("Passphrase for key " + file).orElse(null);
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
        try (SSHClient reader = new SSHClient(config)) {
            KeyProvider lazy = reader.loadKeys(file.toString(), finder);
            // Decrypt now, once: sshj would otherwise ask again on every connection.
            loaded.put(file, new KeyPairWrapper(lazy.getPublic(), lazy.getPrivate()));
        } catch (IOException | RuntimeException e) {
            broken.put(file, "key " + file + " unusable: " + firstLine(e));
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
