package herd.lab;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Base64;

/**
 * Ed25519 key pairs written in OpenSSH's own formats, generated in-process: a 1000-node lab
 * needs 1000 host keys, and one ssh-keygen process per key would cost seconds.
 *
 * <pre>{@code
 * Keys.Pair key = Keys.generate("root@lab");
 * key.write(dir.resolve("id_ed25519"));   // id_ed25519 (0600) + id_ed25519.pub
 * }</pre>
 */
final class Keys {
    private static final String TYPE = "ssh-ed25519";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    /** One key pair: its public line ({@code ssh-ed25519 AAAA... comment}) and private PEM. */
    record Pair(String publicLine, String privatePem) {
        /** Writes the private key (mode 0600) at {@code file} and the public line at file.pub. */
        void write(Path file) throws IOException {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, privatePem);
            Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), publicLine + "\n");
        }

        /** The public key without its comment: {@code ssh-ed25519 AAAA...}. */
        String publicKey() {
            int second = publicLine.indexOf(' ', TYPE.length() + 1);
            return second < 0 ? publicLine : publicLine.substring(0, second);
        }
    }

    static Pair generate(String comment) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new LabException("this JVM cannot generate Ed25519 keys: " + e.getMessage());
        }
        byte[] pub = encodePublic((EdECPublicKey) pair.getPublic());
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new LabException("Ed25519 private key has no encoding"));
        byte[] blob = publicBlob(pub);
        String publicLine = TYPE + " " + Base64.getEncoder().encodeToString(blob) + " " + comment;
        return new Pair(publicLine, pem(blob, pub, seed, comment));
    }

    /** RFC 8032 encoding: y little-endian, the sign of x in the top bit. */
    private static byte[] encodePublic(EdECPublicKey key) {
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static byte[] publicBlob(byte[] pub) {
        Buf b = new Buf();
        b.string(TYPE.getBytes(StandardCharsets.US_ASCII));
        b.string(pub);
        return b.bytes();
    }

    private static String pem(byte[] blob, byte[] pub, byte[] seed, String comment) {
        Buf priv = new Buf();
        int check = RANDOM.nextInt();
        priv.u32(check);
        priv.u32(check);
        priv.string(TYPE.getBytes(StandardCharsets.US_ASCII));
        priv.string(pub);
        byte[] both = new byte[64];
        System.arraycopy(seed, 0, both, 0, 32);
        System.arraycopy(pub, 0, both, 32, 32);
        priv.string(both);
        priv.string(comment.getBytes(StandardCharsets.UTF_8));
        for (int pad = 1; priv.size() % 8 != 0; pad++) {
            priv.raw(new byte[] {(byte) pad});
        }
        Buf all = new Buf();
        all.raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        all.string("none".getBytes(StandardCharsets.US_ASCII));
        all.string("none".getBytes(StandardCharsets.US_ASCII));
        all.string(new byte[0]);
        all.u32(1);
        all.string(blob);
        all.string(priv.bytes());
        String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(all.bytes());
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
    }

    /** SSH wire encoding (RFC 4251): uint32 and length-prefixed strings. */
    private static final class Buf {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        void u32(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void string(byte[] v) {
            u32(v.length);
            raw(v);
        }

        void raw(byte[] v) {
            bytes.write(v, 0, v.length);
        }

        int size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
