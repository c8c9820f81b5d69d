package herd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/architecture.md's adapter example compiles against the real classes (STYLE rule 18: docs run). */
class ArchitectureExampleTest {
    private static final Path DOC = Path.of("../docs/architecture.md");
    private static final Pattern JAVA = Pattern.compile("```java\n(package (\\S+);.*?public class (\\w+).*?)```",
            Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void theAdapterExampleCompiles() throws IOException {
        Matcher m = JAVA.matcher(Files.readString(DOC));
        assertThat(m.find()).as("a ```java block with a package and a public class in " + DOC).isTrue();
        Path source = Files.createDirectories(tmp.resolve("src/" + m.group(2).replace('.', '/')))
                .resolve(m.group(3) + ".java");
        Files.writeString(source, m.group(1));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, "-proc:none", "-d",
                Files.createDirectories(tmp.resolve("classes")).toString(), "-cp", classPath, source.toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}
