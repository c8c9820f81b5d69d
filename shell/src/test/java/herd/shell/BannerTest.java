package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.session.Session;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void countsAgreeInNumber() {
        Session one = new Session(InventoryLoader.read("one.yaml", new StringReader("""
                cluster: {name: one}
                groups:
                  compute: n1
                nodes:
                  n1: {ip: 127.0.0.1}
                """)));
        assertThat(Main.banner(one)).contains("cluster \"one\" · 1 node, 1 group · ");
        assertThat(Main.banner(new Session(InventoryLoader.example()))).contains(" · 5 nodes, 4 groups · ");
    }
}
