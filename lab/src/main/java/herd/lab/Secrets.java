package herd.lab;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The lab's secrets, written to {@code DIR/secrets} (mode 0600) as {@code KEY=VALUE} lines, the
 * form the inventory's {@code file:PATH#KEY} references read.
 *
 * @param bmcPassword password of user admin on every BMC
 * @param ddnsSecret  base64 HMAC-SHA256 secret of TSIG key {@code ddns-key}
 * @param rndcSecret  base64 HMAC-SHA256 secret of the rndc control key
 */
record Secrets(String bmcPassword, String ddnsSecret, String rndcSecret) {
    static final String BMC_KEY = "bmc";
    static final String DDNS_KEY = "ddns-key";

    static Secrets generate() {
        SecureRandom random = new SecureRandom();
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new Secrets(password.toString(), key(random), key(random));
    }

    private static String key(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    void write(LabDir dir) {
        LabDir.write(dir.secrets(), BMC_KEY + "=" + bmcPassword + "\n" + DDNS_KEY + "=" + ddnsSecret + "\n"
                + "rndc-key=" + rndcSecret + "\n", true);
    }

    static Secrets read(LabDir dir) {
        String bmc = "";
        String ddns = "";
        String rndc = "";
        for (String line : LabDir.read(dir.secrets()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String value = line.substring(eq + 1);
                switch (line.substring(0, eq)) {
                    case BMC_KEY -> bmc = value;
                    case DDNS_KEY -> ddns = value;
                    case "rndc-key" -> rndc = value;
                    default -> { }
                }
            }
        }
        return new Secrets(bmc, ddns, rndc);
    }
}
