package herd.ssh;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file shared by every connection of a session. An unknown key is refused (or, with
 * accept-new, appended to the file); a changed key is always refused. Each connection gets its own
 * {@link Check}, which remembers why its host key was refused. The file is read again when it
 * changed since (a deploy pinned new keys, {@code hostkeys forget}, an edit by hand). Host
 * certificates are checked against its {@code @cert-authority} lines by sshj; a key, or the CA of
 * a certificate, on a {@code @revoked} line is refused here (sshj does not read those).
 */
final class KnownHosts {

    /** What the last verification under the lock found. */
    private enum Verdict { KNOWN, UNKNOWN, CHANGED, ADDED }

    private final Path file;
    private Store store;
    private Set<String> revoked;
    private String stamp;
    private volatile boolean acceptNew;

    KnownHosts(Path file, boolean acceptNew) throws SshException {
        this.acceptNew = acceptNew;
        this.file = file;
        this.stamp = stamp(file);
        try {
            this.store = new Store(file.toFile());
            this.revoked = revoked(file);
        } catch (IOException e) {
            throw new SshException(file + ": cannot read known hosts: " + e.getMessage());
        }
    }

    /** The base64 blobs of the keys on {@code @revoked} lines. */
    private static Set<String> revoked(Path file) throws IOException {
        Set<String> keys = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] w = line.strip().split("\\s+");
                if (w.length >= 4 && w[0].equals("@revoked")) {
                    keys.add(w[3]);
                }
            }
        }
        return keys;
    }

    /** Why {@code key} is revoked ("" when it is not): itself, or the CA that signed its certificate. */
    private synchronized String revocation(PublicKey key) {
        if (key instanceof Certificate<?> c) {
            if (revoked.contains(Base64.getEncoder().encodeToString(c.getSignatureKey()))) {
                return "host key refused: its certificate's CA is @revoked in " + file;
            }
            key = c.getKey();
        }
        return revoked.contains(Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key)
                .getCompactData())) ? "host key refused: @revoked in " + file : "";
    }

    /** The store of the file as it is now: read again when its time or size changed. */
    private synchronized Store current() {
        String now = stamp(file);
        if (!now.equals(stamp)) {
            try {
                store = new Store(file.toFile());
                revoked = revoked(file);
                stamp = now;
            } catch (IOException e) {
                // Being replaced right now (a rename is atomic, a hand edit may not be): the next check reads it.
            }
        }
        return store;
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime() + " " + a.size() + " " + a.fileKey();
        } catch (IOException e) {
            return "absent";
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
        private volatile boolean mismatch;

        @Override
        public boolean verify(String host, int port, PublicKey key) {
            Store store = current();
            String revokedBy = revocation(key);
            if (!revokedBy.isEmpty()) {
                problem = revokedBy;
                mismatch = true;
                return false;
            }
            synchronized (store) {
                store.verdict = Verdict.KNOWN;
                boolean ok = store.verify(host, port, key);
                mismatch = store.verdict == Verdict.CHANGED;
                problem = switch (store.verdict) {
                    case CHANGED -> "host key mismatch: not the key pinned in " + store.getFile() + " (a herd deploy"
                            + " pins a reinstalled node's new key; this one was not learned so): check the node's key"
                            + " on its console against 'hostkeys scan', then 'hostkeys forget' it";
                    case UNKNOWN -> "unreachable: host key unknown (not in " + store.getFile()
                            + "; --accept-new-host-keys records it)";
                    default -> ok ? "" : "host key refused";
                };
                return ok;
            }
        }

        @Override
        public List<String> findExistingAlgorithms(String host, int port) {
            Store store = current();
            synchronized (store) {
                return store.findExistingAlgorithms(host, port);
            }
        }

        String problem() {
            return problem;
        }

        boolean mismatch() {
            return mismatch;
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
