package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.inventory.InventoryLoader;
import herd.lab.Lab;
import herd.lab.junit.LabConfig;
import herd.session.Cancellation;
import herd.session.SecretStore;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LabConfig(nodes = 2, bmc = true)
class ConsoleEngineTest {

    Lab lab;
    @TempDir
    Path logs;
    private IpmiBackend ipmi;
    private ConsoleEngine consoles;
    private BmcEngine.Credentials credentials;

    /** What the terminal would show. */
    private static final class Screen extends OutputStream {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void write(int b) {
            text.append((char) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            text.append(new String(b, off, len, StandardCharsets.UTF_8));
        }

        boolean shows(String s) {
            return text.indexOf(s) >= 0;
        }

        void await(String s) {
            BmcEngineTest.eventually(() -> shows(s), Duration.ofSeconds(20));
            assertThat(text.toString()).contains(s);
        }
    }

    @BeforeEach
    void setUp() {
        ipmi = new IpmiBackend(Duration.ofSeconds(3));
        consoles = new ConsoleEngine(ipmi, logs, Clock.systemUTC());
        credentials = new InventoryCredentials(InventoryLoader.load(lab.inventoryFile()), new SecretStore(Map.of()),
                prompt -> {
                    throw new AssertionError("no prompt expected: " + prompt);
                });
    }

    @AfterEach
    void tearDown() {
        consoles.close();
        ipmi.close();
        BmcEngineTest.eventually(() -> ipmi.liveThreads() == 0, Duration.ofSeconds(5));
        assertThat(ipmi.liveThreads()).as("threads left by the IPMI library").isZero();
    }

    private static boolean type(ConsoleSession console, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return console.typed(bytes, bytes.length);
    }

    @Test
    void powerCycleFromAnotherProcessShowsTheBootLogAndTypedTextIsAnswered() throws Exception {
        Screen screen = new Screen();
        try (ConsoleSession console = consoles.attach("valkyrie01", credentials, false, '~', screen)) {
            assertThat(Ipmitool.run(lab, "valkyrie01", "chassis", "power", "cycle")).contains("Cycle");
            screen.await("Linux version");
            screen.await("valkyrie01 login: ");
            assertThat(type(console, "root\r")).isTrue();
            screen.await("]# ");
            assertThat(type(console, "hostname\r")).isTrue();
            screen.await("hostname\r\nvalkyrie01\r\n");
            assertThat(type(console, "~?")).isTrue();
            screen.await("~.  end the console and return to herd");
            assertThat(type(console, "\r~.")).isFalse();
        }
        String log = Files.readString(logs.resolve("valkyrie01.log"));
        assertThat(log).contains("valkyrie01: console attached (interactive) ===", "Linux version",
                "valkyrie01 login: root", "valkyrie01: console detached ===");
        assertThat(log.lines().filter(l -> !l.startsWith("==="))).isNotEmpty()
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z .*"));
        assertThat(Files.getPosixFilePermissions(logs.resolve("valkyrie01.log")))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aConsoleActiveElsewhereIsReportedAndCanBeTakenOver() {
        Screen first = new Screen();
        try (ConsoleSession held = consoles.attach("valkyrie02", credentials, false, '~', first)) {
            assertThatThrownBy(() -> consoles.attach("valkyrie02", credentials, false, '~', new Screen()))
                    .isInstanceOf(BmcException.class)
                    .hasMessage("valkyrie02: console: already active in another session (--force takes it over)");
            Screen second = new Screen();
            try (ConsoleSession taken = consoles.attach("valkyrie02", credentials, true, '~', second)) {
                assertThat(type(taken, "\r")).isTrue();
                second.await("valkyrie02 login: ");
            }
        }
    }

    @Test
    void backgroundCaptureLogsTheBootAndItsLinesCanBeFollowed() throws Exception {
        List<ConsoleLine> lines = new CopyOnWriteArrayList<>();
        try (Cancellation.Registration following = consoles.follow(lines::add)) {
            assertThat(consoles.capture(List.of("valkyrie02"), credentials, true).outcome("valkyrie02").detail())
                    .isEqualTo("capturing");
            assertThat(consoles.capturing()).containsExactly("valkyrie02");
            assertThatThrownBy(() -> consoles.attach("valkyrie02", credentials, false, '~', new Screen()))
                    .hasMessageContaining("captured in the background");
            Ipmitool.run(lab, "valkyrie02", "chassis", "power", "cycle");
            BmcEngineTest.eventually(() -> lines.stream().anyMatch(l -> l.text().contains("login:")),
                    Duration.ofSeconds(20));
        }
        assertThat(lines).anyMatch(l -> l.node().equals("valkyrie02") && l.text().contains("Linux version"));
        assertThat(consoles.stop(List.of("valkyrie02")).allOk()).isTrue();
        assertThat(consoles.capturing()).isEmpty();
        assertThat(Files.readString(logs.resolve("valkyrie02.log")))
                .contains("console capture started", "Linux version", "console capture stopped");
    }
}
