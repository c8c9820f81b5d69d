package herd.bmc;

/**
 * An RMCP+ cipher suite of the IPMI 2.0 specification (table 22-20): the RAKP authentication
 * algorithm, the integrity algorithm and the confidentiality algorithm, each with its number on
 * the wire. {@code CipherSuite.of(3)} is RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128.
 *
 * @param id              the suite's number (what {@code ipmitool -C} takes)
 * @param authentication  0 none, 1 RAKP-HMAC-SHA1, 2 RAKP-HMAC-MD5, 3 RAKP-HMAC-SHA256
 * @param integrity       0 none, 1 HMAC-SHA1-96, 2 HMAC-MD5-128, 4 HMAC-SHA256-128
 * @param confidentiality 0 none, 1 AES-CBC-128
 */
public record CipherSuite(int id, int authentication, int integrity, int confidentiality) {

    static final int AUTH_NONE = 0;
    static final int AUTH_SHA1 = 1;
    static final int AUTH_MD5 = 2;
    static final int AUTH_SHA256 = 3;
    static final int INTEGRITY_NONE = 0;
    static final int INTEGRITY_SHA1_96 = 1;
    static final int INTEGRITY_MD5_128 = 2;
    static final int INTEGRITY_SHA256_128 = 4;
    static final int AES_CBC_128 = 1;

    /** The suites herd speaks: 0-3, 6-8, 15-17. */
    public static CipherSuite of(int id) {
        return switch (id) {
            case 0 -> new CipherSuite(0, AUTH_NONE, INTEGRITY_NONE, 0);
            case 1 -> new CipherSuite(1, AUTH_SHA1, INTEGRITY_NONE, 0);
            case 2 -> new CipherSuite(2, AUTH_SHA1, INTEGRITY_SHA1_96, 0);
            case 3 -> new CipherSuite(3, AUTH_SHA1, INTEGRITY_SHA1_96, AES_CBC_128);
            case 6 -> new CipherSuite(6, AUTH_MD5, INTEGRITY_NONE, 0);
            case 7 -> new CipherSuite(7, AUTH_MD5, INTEGRITY_MD5_128, 0);
            case 8 -> new CipherSuite(8, AUTH_MD5, INTEGRITY_MD5_128, AES_CBC_128);
            case 15 -> new CipherSuite(15, AUTH_SHA256, INTEGRITY_NONE, 0);
            case 16 -> new CipherSuite(16, AUTH_SHA256, INTEGRITY_SHA256_128, 0);
            case 17 -> new CipherSuite(17, AUTH_SHA256, INTEGRITY_SHA256_128, AES_CBC_128);
            default -> throw new BmcException("cipher suite " + id + " is not supported (0-3, 6-8, 15-17)");
        };
    }

    /** The JCA name of the RAKP HMAC, or null for suite 0 (no authentication). */
    String rakpMac() {
        return macName(authentication == AUTH_SHA1 ? INTEGRITY_SHA1_96
                : authentication == AUTH_MD5 ? INTEGRITY_MD5_128
                : authentication == AUTH_SHA256 ? INTEGRITY_SHA256_128 : INTEGRITY_NONE);
    }

    /** The JCA name of the integrity HMAC, or null without integrity. */
    String integrityMac() {
        return macName(integrity);
    }

    /** Bytes of the RAKP 4 integrity check value: HMAC-SHA1 is cut to 96 bits, HMAC-SHA256 to 128. */
    int rakp4Length() {
        return switch (authentication) {
            case AUTH_SHA1 -> 12;
            case AUTH_MD5, AUTH_SHA256 -> 16;
            default -> 0;
        };
    }

    /** Bytes of the AuthCode that ends an authenticated packet. */
    int authCodeLength() {
        return switch (integrity) {
            case INTEGRITY_SHA1_96 -> 12;
            case INTEGRITY_MD5_128, INTEGRITY_SHA256_128 -> 16;
            default -> 0;
        };
    }

    boolean encrypted() {
        return confidentiality == AES_CBC_128;
    }

    private static String macName(int integrity) {
        return switch (integrity) {
            case INTEGRITY_SHA1_96 -> "HmacSHA1";
            case INTEGRITY_MD5_128 -> "HmacMD5";
            case INTEGRITY_SHA256_128 -> "HmacSHA256";
            default -> null;
        };
    }
}
