package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variants of a lab's inventory, written beside the test's home, for shell tests through ./herd. */
final class LabInventories {

    private LabInventories() {
    }

    /** The lab's inventory with a known_hosts file of its own ({@code known}) instead of the lab's. */
    static Path withKnownHosts(Lab lab, Path home, Path known) throws IOException {
        String yaml = Files.readString(lab.inventoryFile());
        String line = "    known-hosts: \"" + lab.knownHosts() + "\"\n";
        assertThat(yaml).contains(line);
        return Files.writeString(home.resolve("inventory.yaml"), yaml.replace(line, "    known-hosts: \"" + known + "\"\n"));
    }
}
