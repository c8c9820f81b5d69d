package herd.lab;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts the {@link LabAgent} JVM inside the lab's mount namespace and waits until it is ready. */
final class AgentProcess {
    private AgentProcess() {
    }

    static void start(LabDir dir, long holder, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(MountNamespace.enter(holder));
        cmd.addAll(List.of(javaBinary(), "-Xss256k", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath(), LabAgent.class.getName(), dir.root().toString()));
        Process p;
        try {
            Files.deleteIfExists(dir.run("agent.ready"));
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log("agent.log").toFile())).start();
        } catch (IOException e) {
            throw new LabException("lab: cannot start the lab agent: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(dir.run("agent.ready"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                String log = LabDir.read(dir.log("agent.log")).strip();
                String last = log.substring(log.lastIndexOf('\n') + 1);
                throw new LabException("lab: the lab agent (consoles, BMCs) did not start: " + last);
            }
            Procs.sleep(Duration.ofMillis(20));
        }
    }

    /**
     * A small JVM running herd.lab classes (and what they use: this JVM's class path), for the
     * lab's own background programs ({@code --for} timers of faults).
     */
    static List<String> javaCommand() {
        return List.of(javaBinary(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath() + File.pathSeparator + System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Where herd.lab classes come from: their directory or jar, else this JVM's class path. */
    private static String classPath() {
        try {
            var source = LabAgent.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                return Path.of(source.getLocation().toURI()).toString();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // fall through to the class path
        }
        return System.getProperty("java.class.path");
    }
}
