package herd.dist;

import static org.assertj.core.api.Assertions.assertThat;

import herd.inventory.InventoryLoader;
import herd.session.Session;
import herd.shell.Commands;
import herd.shell.Main;
import herd.shell.command.CommandSpec;
import herd.shell.command.HerdCommand;
import herd.shell.command.ParamSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * herd(1) and herd-inventory(5) as the build made them (process-classes): every command and
 * option of the live registry is in herd(1), every section of the docs they come from is there,
 * and groff and man read both without a warning.
 */
class ManPagesTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path MAN = Path.of("target/man");
    private static String herd;

    @BeforeAll
    static void render() throws Exception {
        herd = run(Map.of("MANWIDTH", "200"), "man", "-l", MAN.resolve("man1/herd.1").toString()).replaceAll("\\s+", " ");
    }

    @Test
    void herdOneDocumentsEveryCommandAndOptionOfTheRegistry() {
        List<CommandSpec> specs;
        try (var context = Main.start(() -> new Session(InventoryLoader.example()))) {
            specs = context.getBean(Commands.class).all().stream().map(HerdCommand::spec).toList();
        }
        assertThat(specs).extracting(CommandSpec::name).contains("exec", "power", "dhcp add", "deploy", "audit");
        for (CommandSpec c : specs) {
            assertThat(herd).as("herd(1) has %s", c.name()).contains(" " + c.usage() + " [--json] ");
            assertThat(herd).contains(c.description());
            for (ParamSpec p : c.options()) {
                assertThat(herd).as("herd(1) has %s %s", c.name(), p.usage()).contains(p.usage());
            }
        }
        assertThat(herd).contains("-k, --keep-going", "-i, --inventory FILE", "herd lab shell [--dir DIR]");
    }

    @Test
    void herdOneCarriesTheShellDocsBatchRulesAndAuditLog() throws IOException {
        String shellDoc = Files.readString(ROOT.resolve("docs/shell.md"));
        for (String section : ManPages.SHELL_SECTIONS) {
            assertThat(herd).contains(" " + section.toUpperCase(java.util.Locale.ROOT) + " ");
        }
        String batch = ManPages.sections(shellDoc, "shell.md").get("Batch files");
        batch.lines().filter(l -> l.startsWith("- ")).map(l -> l.substring(2).split("[`;(]")[0].strip())
                .filter(s -> s.length() > 10).forEach(rule -> assertThat(herd).contains(rule.replaceAll("\\s+", " ")));
        assertThat(herd).contains("/var/log/herd/audit.log", "EXIT STATUS", "SEE ALSO");
    }

    @Test
    void herdInventoryFiveCarriesEverySectionOfTheInventoryDoc() throws Exception {
        String page = run(Map.of("MANWIDTH", "200"), "man", "-l", MAN.resolve("man5/herd-inventory.5").toString());
        Map<String, String> sections = ManPages.sections(Files.readString(ROOT.resolve("docs/inventory.md")), "inventory.md");
        sections.keySet().stream().filter(s -> !s.isEmpty())
                .forEach(s -> assertThat(page).contains("\n" + s.toUpperCase(java.util.Locale.ROOT).replace("`", "") + "\n"));
        assertThat(page).contains("HERD-INVENTORY(5)", "cipher-suite: 3", "required: true");
    }

    @Test
    void groffReadsBothPagesWithoutAWarning() throws Exception {
        for (String page : List.of("man1/herd.1", "man5/herd-inventory.5")) {
            // "break" warnings only say that a long word overhangs a narrow table column.
            assertThat(run(Map.of(), "groff", "-man", "-t", "-Tutf8", "-ww", "-Wbreak", "-z", MAN.resolve(page).toString()))
                    .as(page).isEmpty();
        }
    }

    /** Runs a program; returns stdout and stderr together, failing on a non-zero status. */
    static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
