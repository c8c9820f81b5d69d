package herd.lab;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;

/**
 * The lab agent: one small JVM per lab, inside the lab's mount namespace, that serves every
 * node's serial console, supervises every node's ipmi_sim and, in a lab with a PXE side, boots
 * nodes from the network when their BMC powers them on with boot device PXE. Started by {@code Lab.up} as
 * {@code java -cp <herd-lab> herd.lab.LabAgent DIR}; stopped by {@code down} (by pid).
 */
public final class LabAgent {
    private LabAgent() {
    }

    public static void main(String[] args) {
        try {
            run(new LabDir(Path.of(args[0])));
        } catch (Exception e) {
            log("agent failed: " + e);
            System.exit(1);
        }
    }

    private static void run(LabDir dir) throws IOException, InterruptedException {
        LabState state = LabState.load(dir);
        LabLayout layout = LabLayout.of(state.spec(dir.root()), state.slot());
        Files.writeString(dir.run("agent.pid"), ProcessHandle.current().pid() + "\n");
        ConsoleServer consoles = new ConsoleServer(dir, layout.nodes());
        Path powerDir = dir.root().resolve("power");
        WatchService watch = FileSystems.getDefault().newWatchService();
        powerDir.register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        for (String name : consoles.names()) {
            consoles.console(name).power(read(powerDir.resolve(name)), true);
        }
        BmcSupervisor bmcs = new BmcSupervisor(dir, layout.nodes());
        Runtime.getRuntime().addShutdownHook(new Thread(bmcs::stopAll, "agent-stop"));
        Thread watcher = new Thread(() -> watchPower(watch, powerDir, consoles), "power-watch");
        watcher.setDaemon(true);
        watcher.start();
        if (layout.spec().pxe()) {
            herd.lab.pxe.PxeLab.watch(new Lab(dir, layout, Duration.ofMillis(state.startMillis())));
        }
        bmcs.startAll(Duration.ofSeconds(30 + layout.nodes().size() / 5));
        if (layout.spec().redfish()) {
            RedfishBmcs.start(dir, layout.nodes());
        }
        Files.writeString(dir.run("agent.ready"), Instant.now() + "\n");
        log("agent ready: " + layout.nodes().size() + (layout.nodes().size() == 1 ? " console and BMC" : " consoles and BMCs")
                + (layout.spec().redfish() ? " (IPMI and Redfish)" : ""));
        consoles.serve();
    }

    private static void watchPower(WatchService watch, Path powerDir, ConsoleServer consoles) {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path file) {
                        String name = file.getFileName().toString();
                        Console console = consoles.console(name);
                        if (console != null) {
                            console.power(read(powerDir.resolve(name)), false);
                        }
                    }
                }
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
        System.out.flush();
    }
}
