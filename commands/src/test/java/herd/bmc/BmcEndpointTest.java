package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.inventory.Inventory;
import herd.inventory.InventoryLoader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BmcEndpointTest {

    private static final Inventory INVENTORY = InventoryLoader.read("t.yaml", new StringReader("""
            cluster: {name: t}
            defaults:
              bmc: {password: "env:PW"}
            nodes:
              ipmi1: {bmc: {host: 10.0.0.1, port: 6230}}
              rf1: {bmc: {protocol: redfish, url: "https://10.0.1.1:8443", insecure: true}}
              rf2: {bmc: {protocol: redfish, host: 10.0.1.2}}
              none: {}
            """));

    @Test
    void anIpmiNodeHasNoRedfishService() {
        BmcEndpoint e = BmcEndpoint.of("ipmi1", INVENTORY.bmc("ipmi1"));
        assertThat(e.redfish()).isNull();
        assertThat(e.address()).isEqualTo("10.0.0.1:6230");
    }

    @Test
    void aRedfishNodeWithoutHostHasItsConsoleOnTheUrlsHost() {
        BmcEndpoint e = BmcEndpoint.of("rf1", INVENTORY.bmc("rf1"));
        assertThat(e.redfish().url().toString()).isEqualTo("https://10.0.1.1:8443");
        assertThat(e.redfish().trust()).isEqualTo("insecure");
        assertThat(e.address()).isEqualTo("10.0.1.1:623");
    }

    @Test
    void aRedfishNodeNeedsAUrlAndANodeWithoutAnyBmcIsSaidSo() {
        assertThatThrownBy(() -> BmcEndpoint.of("rf2", INVENTORY.bmc("rf2")))
                .hasMessage("rf2: no Redfish service in the inventory (bmc.url)");
        assertThatThrownBy(() -> BmcEndpoint.of("none", INVENTORY.bmc("none")))
                .hasMessage("none: no BMC in the inventory (bmc.host)");
    }
}
