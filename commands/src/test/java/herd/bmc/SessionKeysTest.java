package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * herd's RAKP key computations and packet sealing against ipmitool's: {@code ipmitool -vvvv}
 * prints every input and result of its RMCP+ login with a lab BMC (random numbers, session ids,
 * GUID, SIK, K1, K2, the RAKP codes, an IV and a sealed packet); herd recomputes each from the
 * inputs alone, and must find the same bytes.
 */
@LabConfig(nodes = 1, bmc = true)
class SessionKeysTest {

    Lab lab;

    @Test
    void rakpCodesSikK1AndK2AreIpmitoolsForTheSameExchange() {
        Map<String, byte[]> trace = trace(Ipmitool.run(lab, "valkyrie01", "-vvvv", "chassis", "power", "status"));
        byte[] input = trace.get(">> rakp2 mac input buffer");
        int userLength = input[57];
        SessionKeys.Rakp rakp = new SessionKeys.Rakp(RmcpSession.le32(input, 0), RmcpSession.le32(input, 4),
                trace.get(">> Console generated random number"), trace.get("bmc_rand"), Arrays.copyOfRange(input, 40, 56),
                input[56], new String(input, 58, userLength, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(Arrays.copyOfRange(input, 8, 24)).isEqualTo(rakp.consoleRandom());
        assertThat(rakp.user()).isEqualTo("admin");
        CipherSuite suite = CipherSuite.of(3);
        byte[] userKey = SessionKeys.userKey(lab.bmcPassword());
        assertThat(userKey).isEqualTo(trace.get(">> rakp2 mac key"));

        assertThat(SessionKeys.rakp2Code(suite, userKey, rakp))
                .isEqualTo(trace.get(">> rakp2 mac as computed by the remote console"));
        assertThat(SessionKeys.rakp3Code(suite, userKey, rakp)).isEqualTo(trace.get("generated rakp3 mac"));
        SessionKeys keys = SessionKeys.derive(suite, userKey, rakp);
        assertThat(keys.sik()).isEqualTo(trace.get("Generated session integrity key"));
        assertThat(keys.k1()).isEqualTo(trace.get("Generated K1"));
        assertThat(keys.k2()).isEqualTo(trace.get("Generated K2"));
        // HMAC-SHA1-96: the BMC sends the first 12 bytes of the 20 ipmitool computes
        assertThat(keys.rakp4Code(rakp))
                .isEqualTo(Arrays.copyOf(trace.get(">> rakp4 mac as computed by the remote console"), 12));
    }

    @Test
    void sealedPacketsAreIpmitoolsHmacSha196AndAesCbc128() {
        Map<String, byte[]> trace = trace(Ipmitool.run(lab, "valkyrie01", "-vvvv", "chassis", "power", "status"));
        byte[] input = trace.get(">> rakp2 mac input buffer");
        SessionKeys.Rakp rakp = new SessionKeys.Rakp(RmcpSession.le32(input, 0), RmcpSession.le32(input, 4),
                trace.get(">> Console generated random number"), trace.get("bmc_rand"), Arrays.copyOfRange(input, 40, 56),
                input[56], "admin");
        SessionKeys.Sealer sealer = SessionKeys.derive(CipherSuite.of(3), SessionKeys.userKey(lab.bmcPassword()), rakp)
                .sealer();

        // ipmitool's first in-session packet: Set Session Privilege Level (Administrator), IPMI sequence 1
        byte[] signed = trace.get("authcode input");
        assertThat(sealer.authCode(signed, 0, signed.length)).isEqualTo(trace.get("authcode output"));
        byte[] iv = trace.get(">> Initialization vector");
        byte[] payload = sealer.encrypt(RmcpSession.ipmiRequest(RmcpSession.NETFN_APP, 0x3b, new byte[] {4}, 1), iv);
        int length = (signed[10] & 0xff) | (signed[11] & 0xff) << 8;
        assertThat(payload).isEqualTo(Arrays.copyOfRange(signed, 12, 12 + length));
        assertThat(sealer.decrypt(payload, 0, payload.length))
                .isEqualTo(RmcpSession.ipmiRequest(RmcpSession.NETFN_APP, 0x3b, new byte[] {4}, 1));
    }

    @Test
    void aesPaddingIsTheSpecificationsOneTwoThree() {
        SessionKeys.Rakp rakp = new SessionKeys.Rakp(1, 2, new byte[16], new byte[16], new byte[16], 0x14, "admin");
        SessionKeys.Sealer sealer = SessionKeys.derive(CipherSuite.of(3), SessionKeys.userKey("secret"), rakp).sealer();
        for (int n : List.of(0, 1, 14, 15, 16, 31, 100)) {
            byte[] data = new byte[n];
            Arrays.fill(data, (byte) 0x5a);
            byte[] sealed = sealer.encrypt(data, new byte[16]);
            assertThat((sealed.length - 16) % 16).isZero();
            assertThat(sealed.length - 16).isLessThanOrEqualTo(n + 16);
            assertThat(sealer.decrypt(sealed, 0, sealed.length)).isEqualTo(data);
        }
        assertThat(sealer.decrypt(new byte[20], 0, 20)).as("not a whole number of blocks").isNull();
    }

    /** The hex blocks of ipmitool's trace by their label, without the "(N bytes)"; the first of each label. */
    static Map<String, byte[]> trace(String output) {
        Map<String, byte[]> blocks = new HashMap<>();
        String label = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : (output + "\nend").split("\n")) {
            if (label != null && line.matches("( [0-9a-f]{2})+\\s*")) {
                bytes.writeBytes(HexFormat.of().parseHex(line.replace(" ", "").strip()));
                continue;
            }
            if (label != null) {
                blocks.putIfAbsent(label, bytes.toByteArray());
            }
            bytes.reset();
            int count = line.indexOf(" (");
            label = count > 0 && line.endsWith(" bytes)") ? line.substring(0, count) : null;
        }
        assertThat(blocks).as("ipmitool -vvvv trace:\n" + output).containsKeys(">> rakp2 mac input buffer",
                "authcode input", "Generated K2");
        return blocks;
    }
}
