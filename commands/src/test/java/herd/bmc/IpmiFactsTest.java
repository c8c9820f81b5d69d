package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.session.SecretStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bmc info} over IPMI: Get Device ID as ipmitool's {@code mc info} reads it from the same ipmi_sim. */
@LabConfig(nodes = 2, bmc = true)
class IpmiFactsTest {

    Lab lab;

    @Test
    void deviceIdFactsAgreeWithIpmitool() {
        try (BmcPool pool = new BmcPool(new IpmiBackend(Duration.ofSeconds(10)), Duration.ofSeconds(20))) {
            var credentials = new InventoryCredentials(InventoryLoader.load(lab.inventoryFile()), new SecretStore(Map.of()),
                    prompt -> {
                        throw new AssertionError(prompt);
                    });
            InfoResult info = new BmcEngine(pool, 4).info(List.of("valkyrie01", "valkyrie02"), credentials,
                    Cancellation.create(), (d, t) -> { });
            assertThat(info.outcomes().allOk()).as(info.outcomes().toString()).isTrue();
            BmcFacts facts = info.facts().get("valkyrie01");
            String mc = Ipmitool.run(lab, "valkyrie01", "mc", "info");
            assertThat(mc).contains("Firmware Revision         : " + facts.firmware());
            assertThat(mc).containsPattern("Manufacturer ID +: " + facts.manufacturer().substring("IANA ".length()) + "\\b");
            assertThat(mc).containsPattern("Product ID +: " + Integer.parseInt(facts.model().substring("product 0x".length()), 16) + "\\b");
            assertThat(facts.power()).isEqualTo(PowerState.ON);
            assertThat(facts.serial()).isEqualTo(BmcFacts.UNKNOWN);
            assertThat(info.table().rows()).as("identical BMCs fold into one row").hasSize(1);
            assertThat(info.table().rows().get(0).get(0).toString()).isEqualTo("valkyrie[01-02]");
        }
    }
}
