package herd.shell;

import static org.assertj.core.api.Assertions.assertThat;

import herd.audit.AuditPolicy;
import herd.inventory.InventoryLoader;
import herd.session.Session;
import herd.shell.command.HerdCommand;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit policy against the real command registry: every command is placed, and placed once. */
class AuditPolicyTest {

    @Test
    void everyCommandOfTheShellIsEitherChangingOrReadOnly() {
        List<String> names;
        try (var context = Main.start(() -> new Session(InventoryLoader.example()))) {
            names = context.getBean(Commands.class).all().stream().map(HerdCommand::getName).toList();
        }
        for (String name : names) {
            assertThat(AuditPolicy.changing().contains(name) ^ AuditPolicy.READ_ONLY.contains(name))
                    .as("command '%s' must be in exactly one of herd.audit.AuditPolicy's lists (changing or READ_ONLY)", name)
                    .isTrue();
        }
        assertThat(names).containsAll(AuditPolicy.changing()).containsAll(AuditPolicy.READ_ONLY);
    }

    @Test
    void readingFormsOfChangingCommandsAreNotRecorded() {
        assertThat(AuditPolicy.changes("power", List.of("status", "@compute"), Set.of())).isFalse();
        assertThat(AuditPolicy.changes("power", List.of("on", "@compute"), Set.of("wait"))).isTrue();
        assertThat(AuditPolicy.changes("bootdev", List.of("status"), Set.of())).isFalse();
        assertThat(AuditPolicy.changes("console", List.of(), Set.of("follow"))).isFalse();
        assertThat(AuditPolicy.changes("console", List.of("valkyrie01"), Set.of())).isTrue();
        assertThat(AuditPolicy.changes("dhcp add", List.of("n1"), Set.of("dry-run"))).isFalse();
        assertThat(AuditPolicy.changes("net sync", List.of(), Set.of("apply"))).isTrue();
        assertThat(AuditPolicy.changes("nodes", List.of(), Set.of())).isFalse();
    }
}
