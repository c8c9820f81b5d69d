package herd.bmc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one RMCP+ session and the RAKP computations of the IPMI 2.0 specification
 * (sections 13.28-13.32): the key exchange authentication codes of RAKP 2 and 3, the Session
 * Integrity Key (SIK), K1 (integrity) and K2 (confidentiality), the RAKP 4 integrity check value.
 *
 * <pre>{@code
 * Rakp rakp = new Rakp(consoleId, bmcId, consoleRandom, bmcRandom, bmcGuid, 0x14, "admin");
 * if (!MessageDigest.isEqual(SessionKeys.rakp2Code(suite, password, rakp), rakp2AuthCode)) { wrong password }
 * SessionKeys keys = SessionKeys.derive(suite, password, rakp);
 * }</pre>
 */
final class SessionKeys {

    /** Passwords of IPMI 2.0 users are at most 20 bytes (the key is zero-padded to 20). */
    static final int PASSWORD_BYTES = 20;

    /**
     * What both ends of a RAKP exchange know once RAKP 2 arrived.
     *
     * @param consoleId SIDm, the remote console's session id (chosen by herd)
     * @param bmcId     SIDc, the managed system's session id (chosen by the BMC)
     * @param consoleRandom Rm, 16 bytes
     * @param bmcRandom Rc, 16 bytes
     * @param bmcGuid   GUIDc, 16 bytes
     * @param role      ROLEm: the requested privilege level and the name-only lookup bit, as sent in RAKP 1
     * @param user      UNAMEm
     */
    record Rakp(int consoleId, int bmcId, byte[] consoleRandom, byte[] bmcRandom, byte[] bmcGuid, int role, String user) {
        byte[] userBytes() {
            return user.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private final CipherSuite suite;
    private final byte[] sik;
    private final byte[] k1;
    private final byte[] k2;

    private SessionKeys(CipherSuite suite, byte[] sik, byte[] k1, byte[] k2) {
        this.suite = suite;
        this.sik = sik;
        this.k1 = k1;
        this.k2 = k2;
    }

    /** The user's key Kuid: the password, zero-padded to 20 bytes. */
    static byte[] userKey(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > PASSWORD_BYTES) {
            throw new BmcException("BMC password longer than " + PASSWORD_BYTES + " bytes");
        }
        return Arrays.copyOf(bytes, PASSWORD_BYTES);
    }

    /** RAKP 2's Key Exchange Authentication Code: HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm). */
    static byte[] rakp2Code(CipherSuite suite, byte[] userKey, Rakp r) {
        byte[] user = r.userBytes();
        return hmac(suite.rakpMac(), userKey, concat(le(r.consoleId()), le(r.bmcId()), r.consoleRandom(), r.bmcRandom(),
                r.bmcGuid(), new byte[] {(byte) r.role(), (byte) user.length}, user));
    }

    /** RAKP 3's Key Exchange Authentication Code: HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm). */
    static byte[] rakp3Code(CipherSuite suite, byte[] userKey, Rakp r) {
        byte[] user = r.userBytes();
        return hmac(suite.rakpMac(), userKey, concat(r.bmcRandom(), le(r.consoleId()),
                new byte[] {(byte) r.role(), (byte) user.length}, user));
    }

    /**
     * SIK = HMAC_Kg(Rm, Rc, ROLEm, ULENGTHm, UNAMEm), where Kg is the BMC key, or Kuid when the BMC
     * has none (herd never sets one); K1 and K2 = HMAC_SIK of 20 (SHA256: 32, MD5: 16) bytes 0x01 and 0x02.
     */
    static SessionKeys derive(CipherSuite suite, byte[] userKey, Rakp r) {
        String mac = suite.rakpMac();
        if (mac == null) {
            return new SessionKeys(suite, new byte[0], new byte[0], new byte[0]);
        }
        byte[] user = r.userBytes();
        byte[] sik = hmac(mac, userKey, concat(r.consoleRandom(), r.bmcRandom(),
                new byte[] {(byte) r.role(), (byte) user.length}, user));
        byte[] one = new byte[sik.length];
        byte[] two = new byte[sik.length];
        Arrays.fill(one, (byte) 1);
        Arrays.fill(two, (byte) 2);
        return new SessionKeys(suite, sik, hmac(mac, sik, one), hmac(mac, sik, two));
    }

    /** RAKP 4's Integrity Check Value: HMAC_SIK(Rm, SIDc, GUIDc), cut to the suite's length. */
    byte[] rakp4Code(Rakp r) {
        if (suite.rakpMac() == null) {
            return new byte[0];
        }
        return Arrays.copyOf(hmac(suite.rakpMac(), sik, concat(r.consoleRandom(), le(r.bmcId()), r.bmcGuid())),
                suite.rakp4Length());
    }

    byte[] sik() {
        return sik.clone();
    }

    byte[] k1() {
        return k1.clone();
    }

    byte[] k2() {
        return k2.clone();
    }

    /**
     * A fresh integrity and confidentiality engine on these keys. JCA objects keep state between
     * calls: each thread that seals or opens packets has its own sealer (ipmi-java shared one
     * HMAC between its caller and its receive thread, which corrupted the codes now and then).
     */
    Sealer sealer() {
        return new Sealer();
    }

    final class Sealer {
        private final Mac mac;
        private final Cipher aes;
        private final SecretKeySpec aesKey;

        private Sealer() {
            try {
                String name = suite.integrityMac();
                mac = name == null ? null : Mac.getInstance(name);
                if (mac != null) {
                    mac.init(new SecretKeySpec(k1, name));
                }
                aes = suite.encrypted() ? Cipher.getInstance("AES/CBC/NoPadding") : null;
                aesKey = suite.encrypted() ? new SecretKeySpec(Arrays.copyOf(k2, 16), "AES") : null;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + suite.integrityMac() + " or AES", e);
            }
        }

        /** The AuthCode of {@code packet[from, to)}: the integrity HMAC, cut to the suite's length. */
        byte[] authCode(byte[] packet, int from, int to) {
            mac.update(packet, from, to - from);
            return Arrays.copyOf(mac.doFinal(), suite.authCodeLength());
        }

        /** AES-CBC-128 payload: the IV, then the data padded with 1, 2, .. N and the pad length N. */
        byte[] encrypt(byte[] data, byte[] iv) {
            int pad = (16 - (data.length + 1) % 16) % 16;
            byte[] plain = Arrays.copyOf(data, data.length + pad + 1);
            for (int i = 0; i < pad; i++) {
                plain[data.length + i] = (byte) (i + 1);
            }
            plain[plain.length - 1] = (byte) pad;
            try {
                aes.init(Cipher.ENCRYPT_MODE, aesKey, new IvParameterSpec(iv));
                return concat(iv, aes.doFinal(plain));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-CBC-128", e);
            }
        }

        /** The data of an AES-CBC-128 payload, or null when it is not one (bad length or padding). */
        byte[] decrypt(byte[] payload, int from, int length) {
            if (length < 32 || length % 16 != 0) {
                return null;
            }
            try {
                aes.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(payload, from, 16));
                byte[] plain = aes.doFinal(payload, from + 16, length - 16);
                int pad = plain[plain.length - 1] & 0xff;
                return pad >= plain.length ? null : Arrays.copyOf(plain, plain.length - pad - 1);
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
    }

    static boolean same(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] hmac(String name, byte[] key, byte[] data) {
        if (name == null) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    static byte[] le(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
