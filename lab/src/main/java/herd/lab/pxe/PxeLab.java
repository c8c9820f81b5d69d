package herd.lab.pxe;

import herd.lab.Lab;
import herd.lab.LabNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's PXE side: a web server (nginx, combined access log) for the inventory's http-root
 * on the DHCP bridge, and a supervisor that watches every node's BMC: when a node is powered
 * on or reset while its boot device is PXE, it boots from the network ({@link PxeBoot}).
 * <pre>{@code
 * try (PxeLab pxe = PxeLab.start(lab, Duration.ofSeconds(3))) {
 *     ... ipmitool chassis bootdev pxe; power cycle: the node installs and reboots ...
 * }
 * }</pre>
 */
public final class PxeLab implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Lab lab;
    private final Duration installTime;
    private final PxeHttpServer http;
    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, Thread> booting = new HashMap<>();
    private final Thread watcher;
    private volatile boolean closed;

    private PxeLab(Lab lab, Duration installTime, PxeHttpServer http) {
        this.lab = lab;
        this.installTime = installTime;
        this.http = http;
        for (LabNode n : lab.nodes()) {
            seen.put(n.name(), lab.chassisLog(n.name()).size());
        }
        this.watcher = new Thread(this::watch, "herd-lab-pxe");
        this.watcher.setDaemon(true);
    }

    /** Starts the web server (root {@code DIR/www}, log {@code DIR/log/http-access.log}, as the lab inventory says) and the watcher. */
    public static PxeLab start(Lab lab, Duration installTime) {
        PxeHttpServer http = PxeHttpServer.start(lab.dhcpServerNamespace(), httpRoot(lab), accessLog(lab),
                lab.dir().resolve("pxe/nginx"));
        PxeLab pxe = new PxeLab(lab, installTime, http);
        pxe.watcher.start();
        return pxe;
    }

    /**
     * Lays out what an admin copies from the EL 9 DVD and the iPXE build, as the tutorial does:
     * the pxeboot kernel and initrd and {@code .treeinfo} under the http root, {@code undionly.kpxe}
     * and {@code ipxe.efi} in the tftp root (small stand-in files: the lab boots no real kernel).
     */
    public static void stageInstallMedia(Path httpRoot, Path tftpRoot) {
        Path os = httpRoot.resolve("repositories/AlmaLinux/9/x86_64/os");
        try {
            java.nio.file.Files.createDirectories(os.resolve("images/pxeboot"));
            java.nio.file.Files.createDirectories(tftpRoot);
            java.nio.file.Files.writeString(os.resolve("images/pxeboot/vmlinuz"), "lab kernel\n");
            java.nio.file.Files.writeString(os.resolve("images/pxeboot/initrd.img"), "lab initrd\n");
            java.nio.file.Files.writeString(os.resolve(".treeinfo"), "[general]\nname = AlmaLinux 9 (lab)\n");
            java.nio.file.Files.writeString(tftpRoot.resolve("undionly.kpxe"), "lab ipxe\n");
            java.nio.file.Files.writeString(tftpRoot.resolve("ipxe.efi"), "lab ipxe\n");
        } catch (IOException e) {
            throw new herd.lab.LabException("lab pxe: " + httpRoot + ": " + e.getMessage(), e);
        }
    }

    public static Path httpRoot(Lab lab) {
        return lab.dir().resolve("www");
    }

    public static Path accessLog(Lab lab) {
        return lab.dir().resolve("log/http-access.log");
    }

    /** What a node's (simulated) console printed during its network boots. */
    public List<String> console(String node) throws IOException {
        return PxeBoot.consoleLines(work(node));
    }

    /** Whether the node is booting from the network now. */
    public synchronized boolean booting(String node) {
        Thread t = booting.get(node);
        return t != null && t.isAlive();
    }

    private Path work(String node) {
        return lab.dir().resolve("pxe/nodes").resolve(node);
    }

    private void watch() {
        while (!closed) {
            for (LabNode n : lab.nodes()) {
                List<String> log = lab.chassisLog(n.name());
                int from = seen.getOrDefault(n.name(), 0);
                seen.put(n.name(), log.size());
                boolean poweredOn = log.subList(Math.min(from, log.size()), log.size()).stream()
                        .anyMatch(l -> l.endsWith(" power on") || l.endsWith(" reset"));
                if (poweredOn && lab.bootDevice(n.name()).equals("pxe")) {
                    boot(n.name());
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void boot(String node) {
        Thread old = booting.get(node);
        if (old != null && old.isAlive()) {
            old.interrupt(); // powered off and on again mid-boot: that boot is over
            try {
                old.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Thread t = new Thread(new PxeBoot(lab, node, installTime, work(node)), "herd-lab-pxe " + node);
        t.setDaemon(true);
        booting.put(node, t);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(booting.values());
        }
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.close();
    }
}
