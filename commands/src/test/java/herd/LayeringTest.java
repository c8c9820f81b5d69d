package herd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE rule 1: engines, records and sessions know nothing of Spring or the terminal. Only the
 * adapters (classes named *Commands) may import org.springframework; nothing here imports org.jline.
 */
class LayeringTest {

    @Test
    void onlyAdaptersImportSpringAndNothingImportsJline() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(src)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(LayeringTest::breaksLayering)
                    .map(p -> src.relativize(p).toString()).toList();
        }
        assertThat(offenders).as("files importing Spring outside *Commands, or JLine").isEmpty();
    }

    private static boolean breaksLayering(Path file) {
        try {
            String text = Files.readString(file);
            boolean adapter = file.getFileName().toString().endsWith("Commands.java");
            return text.contains("import org.jline") || !adapter && text.contains("import org.springframework");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
