package herd.hostkeys;

import herd.files.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A host CA, with OpenSSH's own {@code ssh-keygen}: made once ({@link #init}), then signing each host
 * key a node's install reported as a host certificate ({@code ssh-keygen -s -h}) for the node's
 * names and addresses, published under the http root where the node fetches it by its key's digest.
 * <pre>{@code
 * HostCertifier.init(Path.of("/etc/herd/host_ca"), "herd host CA (tutorial)");
 * new HostCertifier(ca).certify(place, keys, httpRoot.resolve("herd/host-certs"));
 * }</pre>
 */
public final class HostCertifier {

    private static final Duration SSH_KEYGEN = Duration.ofSeconds(30);

    private final HostKeyPlace.HostCa ca;

    public HostCertifier(HostKeyPlace.HostCa ca) {
        this.ca = ca;
    }

    /** Makes an Ed25519 CA at {@code key} (mode 0600; {@code key.pub} beside it); an existing one is never replaced. */
    public static HostKey init(Path key, String comment) {
        if (Files.exists(key) || Files.exists(Path.of(key + ".pub"))) {
            throw new HostkeysException(key + ": exists; a CA is never replaced (every certificate it signed would"
                    + " stop verifying): remove it first if that is what you want");
        }
        try {
            Files.createDirectories(key.toAbsolutePath().getParent());
            keygen(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString()));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            return HostKey.parse(Files.readString(Path.of(key + ".pub")));
        } catch (IOException e) {
            throw new HostkeysException(key + ": " + e.getMessage());
        }
    }

    /** The CA's public key, as its {@code .pub} file says. */
    public HostKey publicKey() {
        try {
            return HostKey.parse(Files.readString(ca.publicKey()));
        } catch (IOException e) {
            throw new HostkeysException(ca.publicKey() + ": cannot read the host CA's public key: " + e.getMessage());
        }
    }

    /**
     * Signs each key for the node (principals: its names and addresses, {@code ssh-keygen -n}) and
     * publishes the certificates as {@code publish/DIGEST.pub}; returns their paths.
     */
    public List<Path> certify(HostKeyPlace place, List<HostKey> keys, Path publish) {
        if (!Files.isReadable(ca.key())) {
            throw new HostkeysException(ca.key() + ": no host CA there (hostkeys ca init makes it)");
        }
        String principals = String.join(",", place.names().hosts().stream().filter(h -> !h.startsWith("[")).toList());
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(publish);
            Path work = Files.createTempDirectory("herd-host-cert-");
            try {
                for (HostKey k : keys) {
                    Path pub = work.resolve(k.digestHex() + ".pub");
                    Files.writeString(pub, k + " " + place.node() + "\n");
                    keygen(List.of("ssh-keygen", "-q", "-s", ca.key().toString(), "-h", "-I", place.node(), "-n", principals,
                            "-V", ca.validity(), pub.toString()));
                    Path cert = publish.resolve(k.digestHex() + ".pub");
                    Path tmp = Files.createTempFile(publish, ".cert-", ".tmp");
                    Files.copy(work.resolve(k.digestHex() + "-cert.pub"), tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                    Files.move(tmp, cert, StandardCopyOption.ATOMIC_MOVE);   // a node polling for it sees all or nothing
                    out.add(cert);
                }
            } finally {
                try (var files = Files.list(work)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(work);
            }
        } catch (IOException e) {
            throw new HostkeysException(place.node() + ": publishing its host certificates in " + publish + ": "
                    + e.getMessage());
        }
        return out;
    }

    private static void keygen(List<String> command) {
        ProcessRunner.Result r;
        try {
            r = new ProcessRunner().run(command, null, SSH_KEYGEN);
        } catch (java.io.UncheckedIOException e) {
            throw new HostkeysException(command.get(0) + ": " + e.getMessage());
        }
        if (r.exitCode() != 0) {
            throw new HostkeysException(String.join(" ", command.subList(0, 3)) + ": " + r.output().strip());
        }
    }
}
