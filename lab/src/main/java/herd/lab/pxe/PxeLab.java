package herd.lab.pxe;

import herd.lab.Lab;
import herd.lab.LabException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's PXE side (a lab with BMCs and DHCP, {@code LabSpec.pxe()}): install media under the
 * inventory's http-root ({@code DIR/www}), nginx on the DHCP bridge (10.10.0.1:80, the
 * next-server) with a combined access log ({@code DIR/log/http-access.log}), both set up by
 * {@code Lab.up}; and, in the lab agent, a watcher of {@code DIR/pxe/boot}: the BMC's
 * chassis control writes {@code NAME} there when the node is powered on or reset with boot
 * device PXE, and the node then boots from the network ({@link PxeBoot}).
 * <pre>{@code
 * PxeLab.installTime(lab, Duration.ofSeconds(1));   // how long a node "installs"
 * ... ipmitool chassis bootdev pxe; power cycle: the node installs and reboots ...
 * PxeLab.console(lab, "valkyrie01");                 // what its network boots printed
 * }</pre>
 */
public final class PxeLab {

    /** How long a node "installs" unless {@link #installTime} says otherwise. */
    public static final Duration DEFAULT_INSTALL_TIME = Duration.ofSeconds(3);

    private final Lab lab;
    private final Map<String, Thread> threads = new HashMap<>();
    private final Map<String, PxeBoot> boots = new HashMap<>();
    private final Map<String, String> requests = new HashMap<>();

    private PxeLab(Lab lab) {
        this.lab = lab;
    }

    /** Lays out the PXE side's files: the request directory and the install media. */
    public static void setUp(Path labDir, Path httpRoot, Path tftpRoot) {
        try {
            Files.createDirectories(labDir.resolve("pxe/boot"));
            Files.createDirectories(labDir.resolve("pxe/nodes"));
        } catch (IOException e) {
            throw new LabException("lab pxe: " + labDir + ": " + e.getMessage(), e);
        }
        stageInstallMedia(httpRoot, tftpRoot);
    }

    /** Starts nginx for the lab in {@code labDir}, detached: the lab's teardown stops it by its pid file. */
    public static void startHttp(Path labDir, String namespace) {
        PxeHttpServer.start(namespace, labDir.resolve("www"), labDir.resolve("log/http-access.log"),
                labDir.resolve("pxe/nginx"));
    }

    /** In the lab agent: boots nodes from the network as their BMCs ask, until the agent ends. */
    public static void watch(Lab lab) {
        Thread t = new Thread(() -> new PxeLab(lab).run(), "herd-lab-pxe");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Lays out what an admin copies from the EL 9 DVD and the iPXE build, as the tutorial does:
     * the pxeboot kernel and initrd and {@code .treeinfo} under the http root, {@code undionly.kpxe}
     * and {@code ipxe.efi} in the tftp root (small stand-in files: the lab boots no real kernel).
     */
    public static void stageInstallMedia(Path httpRoot, Path tftpRoot) {
        Path os = httpRoot.resolve("repositories/AlmaLinux/9/x86_64/os");
        try {
            Files.createDirectories(os.resolve("images/pxeboot"));
            Files.createDirectories(tftpRoot);
            Files.writeString(os.resolve("images/pxeboot/vmlinuz"), "lab kernel\n");
            Files.writeString(os.resolve("images/pxeboot/initrd.img"), "lab initrd\n");
            Files.writeString(os.resolve(".treeinfo"), "[general]\nname = AlmaLinux 9 (lab)\n");
            Files.writeString(tftpRoot.resolve("undionly.kpxe"), "lab ipxe\n");
            Files.writeString(tftpRoot.resolve("ipxe.efi"), "lab ipxe\n");
        } catch (IOException e) {
            throw new LabException("lab pxe: " + httpRoot + ": " + e.getMessage(), e);
        }
    }

    /** Sets how long the lab's nodes "install" from their next network boot on. */
    public static void installTime(Lab lab, Duration time) {
        try {
            Files.writeString(lab.dir().resolve("pxe/install-time"), time.toMillis() + "\n");
        } catch (IOException e) {
            throw new LabException("lab pxe: " + lab.dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets how long one node "installs" from its next network boot on ({@code DIR/pxe/install-time.NAME}),
     * over the lab's: an installer that hangs, and so never reports finished, is a very long one.
     */
    public static void installTime(Lab lab, String node, Duration time) {
        try {
            Files.writeString(lab.dir().resolve("pxe/install-time." + node), time.toMillis() + "\n");
        } catch (IOException e) {
            throw new LabException("lab pxe: " + lab.dir() + ": " + e.getMessage(), e);
        }
    }

    static Duration installTime(Path labDir, String node) {
        for (Path file : new Path[] {labDir.resolve("pxe/install-time." + node), labDir.resolve("pxe/install-time")}) {
            try {
                return Duration.ofMillis(Long.parseLong(Files.readString(file).strip()));
            } catch (IOException | NumberFormatException e) {
                // not set at this level: the next one, then the default
            }
        }
        return DEFAULT_INSTALL_TIME;
    }

    public static Path httpRoot(Lab lab) {
        return lab.dir().resolve("www");
    }

    public static Path accessLog(Lab lab) {
        return lab.dir().resolve("log/http-access.log");
    }

    /** What a node's (simulated) console printed during its network boots. */
    public static List<String> console(Lab lab, String node) throws IOException {
        return PxeBoot.consoleLines(lab.dir().resolve("pxe/nodes").resolve(node));
    }

    /** Whether the node is powered on in network boot (not yet booted from its disk). */
    public static boolean booting(Lab lab, String node) {
        return Files.exists(lab.dir().resolve("pxe/boot").resolve(node));
    }

    private void run() {
        Path dir = lab.dir().resolve("pxe/boot");
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path file) {
                        changed(file.getFileName().toString(), dir.resolve(file.getFileName()));
                    }
                }
                key.reset();
            }
        } catch (IOException e) {
            System.out.println("lab pxe: cannot watch " + dir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request file appeared, changed (a new power-on) or went (power off, or the disk booted). */
    private void changed(String node, Path file) {
        if (lab.nodes().stream().noneMatch(n -> n.name().equals(node))) {
            return;
        }
        String request = read(file);
        if (request.equals(requests.getOrDefault(node, ""))) {
            return; // the same power-on seen twice (create, then modify)
        }
        requests.put(node, request);
        PxeBoot old = boots.get(node);
        Thread oldThread = threads.get(node);
        if (request.isEmpty() && (old == null || old.bootedDisk())) {
            return;
        }
        PxeBoot boot = request.isEmpty() ? null
                : new PxeBoot(lab, node, installTime(lab.dir(), node), lab.dir().resolve("pxe/nodes").resolve(node), file);
        // Powered off, or on again mid-boot: the old boot is over; the new one starts after it ended.
        Thread t = new Thread(() -> {
            if (oldThread != null && oldThread.isAlive()) {
                oldThread.interrupt();
                join(oldThread);
            }
            if (boot != null) {
                boot.run();
            }
        }, "herd-lab-pxe " + node);
        t.setDaemon(true);
        boots.put(node, boot);
        threads.put(node, t);
        t.start();
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
