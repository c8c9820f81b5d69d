package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpmiBackendTest {

    @Test
    void theLibrarysSharedHmacRacesAreRetriedAndRealRefusalsAreNot() {
        assertThat(IpmiBackend.sharedHmacRace(new Exception("Integrity check failed"))).isTrue();
        assertThat(IpmiBackend.sharedHmacRace(new RuntimeException("login",
                new ArrayIndexOutOfBoundsException("arraycopy: last destination index 72 out of bounds for byte[64]"))))
                .isTrue();
        assertThat(IpmiBackend.sharedHmacRace(new Exception("Authentication check failed"))).isFalse();
        assertThat(IpmiBackend.sharedHmacRace(new Exception("Message timed out"))).isFalse();
    }
}
