package herd.ssh;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file shared by every connection of a session. An unknown key is refused (or, with
 * accept-new, appended to the file); a changed key is always refused. Each connection gets its own
 * {@link Check}, which remembers why its host key was refused.
 */
final class KnownHosts {

    /** What the last verification under the lock found. */
    private enum Verdict { KNOWN, UNKNOWN, CHANGED, ADDED }

    private final Store store;
    private volatile boolean acceptNew;

    KnownHosts(Path file, boolean acceptNew) throws SshException {
        this.acceptNew = acceptNew;
        try {
            this.store = new Store(file.toFile());
        } catch (IOException e) {
            throw new SshException(file + ": cannot read known hosts: " + e.getMessage());
        }
    }

    void acceptNew(boolean accept) {
        acceptNew = accept;
    }

    Check check() {
        return new Check();
    }

    /** The per-connection verifier; {@link #problem()} says why a key was refused. */
    final class Check implements HostKeyVerifier {

        private volatile String problem = "";

        @Override
        public boolean verify(String host, int port, PublicKey key) {
            synchronized (store) {
                store.verdict = Verdict.KNOWN;
                boolean ok = store.verify(host, port, key);
                problem = switch (store.verdict) {
                    case CHANGED -> "host key mismatch";
                    case UNKNOWN -> "unreachable: host key unknown (not in " + store.getFile()
                            + "; --accept-new-host-keys records it)";
                    default -> ok ? "" : "host key refused";
                };
                return ok;
            }
        }

        @Override
        public List<String> findExistingAlgorithms(String host, int port) {
            synchronized (store) {
                return store.findExistingAlgorithms(host, port);
            }
        }

        String problem() {
            return problem;
        }

        boolean mismatch() {
            return problem.equals("host key mismatch");
        }
    }

    /** sshj's parser and matcher, with herd's actions for unknown and changed keys. */
    private final class Store extends OpenSSHKnownHosts {

        private Verdict verdict = Verdict.KNOWN;

        Store(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String host, PublicKey key) {
            if (!acceptNew) {
                verdict = Verdict.UNKNOWN;
                return false;
            }
            try {
                HostEntry entry = new HostEntry(null, host, KeyType.fromKey(key), key);
                Files.createDirectories(getFile().toPath().toAbsolutePath().getParent());
                entries().add(entry);
                write(entry);
                verdict = Verdict.ADDED;
                return true;
            } catch (IOException e) {
                verdict = Verdict.UNKNOWN;
                return false;
            }
        }

        @Override
        protected boolean hostKeyChangedAction(String host, PublicKey key) {
            verdict = Verdict.CHANGED;
            return false;
        }
    }
}
