package herd.hostkeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * An SSH host public key as known_hosts and {@code .pub} files write it: its type and its base64
 * blob. {@code HostKey.parse("ssh-ed25519 AAAAC3Nz...").fingerprint()} is {@code SHA256:...},
 * as {@code ssh-keygen -l} prints it.
 */
public record HostKey(String type, String base64) {

    /** Reads "TYPE BASE64 [comment]"; the blob must decode and name the same type, as sshd writes it. */
    public static HostKey parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length < 2 || !words[0].matches("[a-z0-9][a-z0-9@.-]*")) {
            throw new HostkeysException("not a public key (TYPE BASE64): '" + abbreviate(text) + "'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(words[1]);
        } catch (IllegalArgumentException e) {
            throw new HostkeysException("not a public key: bad base64 in '" + abbreviate(text) + "'");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int n = blob.length >= 4 ? b.getInt() : -1;
        if (n <= 0 || n > blob.length - 4
                || !new String(blob, 4, n, StandardCharsets.US_ASCII).equals(words[0])) {
            throw new HostkeysException("not a public key: its blob is not a " + words[0] + " key: '"
                    + abbreviate(text) + "'");
        }
        return new HostKey(words[0], words[1]);
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as OpenSSH prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The SHA-256 of the blob in hex: the name under which herd publishes the key's host
     * certificate (the node computes it with {@code base64 -d | sha256sum}).
     */
    public String digestHex() {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code ED25519}, {@code ECDSA}, {@code RSA}: the name ssh-keygen -l gives the type. */
    public String kind() {
        if (type.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (type.startsWith("sk-")) {
            return type.contains("ed25519") ? "ED25519-SK" : "ECDSA-SK";
        }
        return type.replaceFirst("^ssh-", "").replaceFirst("-cert-v01@openssh.com$", "").toUpperCase(Locale.ROOT);
    }

    /** {@code ED25519 SHA256:...}. */
    public String describe() {
        return kind() + " " + fingerprint();
    }

    /** The two words of a known_hosts line after its hosts. */
    @Override
    public String toString() {
        return type + " " + base64;
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
