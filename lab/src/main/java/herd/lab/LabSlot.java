package herd.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An exclusive share of the machine for one lab, so that labs can run side by side: slot k owns
 * the loopback range 127.(100+k).0.0/16, the ports {@code 12000 + 1024k ..} (below the kernel's
 * ephemeral range) and network-namespace names starting with {@code herdlab<k>-}.
 *
 * <p>A slot is a file {@code /tmp/herd-lab-slots/slot-<k>} naming the lab directory, the pid
 * that keeps it alive and, for a lab tied to a JVM (tests), that JVM's pid. A slot whose keeper
 * is gone is stale and may be claimed again; a lab whose JVM died without tearing it down (a
 * test run killed hard) is torn down by the next claim.
 *
 * @param index slot number, 0 .. {@link #COUNT} - 1
 */
record LabSlot(int index) {
    static final int COUNT = 20;
    /** Ports per slot: 1,014 BMCs fit, and 20 slots end below the ephemeral range (32768). */
    static final int PORTS = 1024;
    static final Path REGISTRY = Path.of("/tmp/herd-lab-slots");
    /** Claims in one JVM are serialised here; file locks only exclude other processes. */
    private static final Object CLAIM_MONITOR = new Object();

    /** Second octet of the slot's loopback range. */
    int octet() {
        return 100 + index;
    }

    int portBase() {
        return 12_000 + index * PORTS;
    }

    String netnsPrefix() {
        return "herdlab" + index + "-";
    }

    Path file() {
        return REGISTRY.resolve("slot-" + index);
    }

    /**
     * Claims the first free (or stale, or orphaned) slot for {@code dir}, recording {@code pid} as
     * its keeper and {@code owner} (0: none) as the JVM whose exit ends the lab.
     */
    static LabSlot claim(Path dir, long pid, long owner) {
        synchronized (CLAIM_MONITOR) {
            try {
                Files.createDirectories(REGISTRY);
                try (FileChannel ch = FileChannel.open(REGISTRY.resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    for (int k = 0; k < COUNT; k++) {
                        new LabSlot(k).reapIfOrphaned();
                    }
                    for (int k = 0; k < COUNT; k++) {
                        LabSlot slot = new LabSlot(k);
                        if (slot.tryTake(dir, pid, owner)) {
                            return slot;
                        }
                    }
                }
            } catch (IOException e) {
                throw new LabException("lab: cannot use slot registry " + REGISTRY + ": " + e.getMessage(), e);
            }
        }
        throw new LabException("lab: all " + COUNT + " lab slots are in use (see " + REGISTRY + "); run 'herd lab down' on unused labs");
    }

    private boolean tryTake(Path dir, long pid, long owner) throws IOException {
        try {
            if (!addressesFree()) {
                return false;
            }
            Files.writeString(file(), record(dir, pid, owner), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException taken) {
            if (Procs.alive(number(read().get("pid"))) || !addressesFree()) {
                return false;
            }
            Files.writeString(file(), record(dir, pid, owner), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return true;
        }
    }

    /**
     * Tears down the remains of this slot's lab if it crashed (its keeper is gone, its sshds may
     * not be) or the JVM it was tied to is gone (a test run killed hard).
     */
    private void reapIfOrphaned() throws IOException {
        if (!Files.exists(file())) {
            return;
        }
        Map<String, String> held = read();
        long owner = number(held.get("owner"));
        boolean crashed = !Procs.alive(number(held.get("pid")));
        if ((crashed || owner != 0 && !Procs.alive(owner)) && held.containsKey("dir")) {
            Teardown.down(new LabDir(Path.of(held.get("dir"))));
            Files.deleteIfExists(file());
        }
    }

    /**
     * Whether nothing else uses the slot's addresses: no TCP listener in its loopback range, no
     * UDP socket on its ports of 127.0.0.1. Guards against labs that lost their slot file.
     */
    private boolean addressesFree() throws IOException {
        // /proc/net/tcp: "0100647F:08AE" is 127.100.0.1:2222 (address bytes reversed); 0A = LISTEN.
        String range = String.format("%02X7F", octet());
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].length() == 13 && f[1].startsWith(range, 4) && f[3].equals("0A")) {
                return false;
            }
        }
        return BmcSupervisor.boundUdpPorts().stream().noneMatch(p -> p >= portBase() && p < portBase() + PORTS);
    }

    private Map<String, String> read() throws IOException {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readString(file()).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
        } catch (NoSuchFileException gone) {
            // released meanwhile: free
        }
        return values;
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Records the process that now keeps the lab alive (the namespace holder). */
    void keep(Path dir, long pid, long owner) {
        try {
            Files.writeString(file(), record(dir, pid, owner));
        } catch (IOException e) {
            throw new LabException("lab: cannot update slot file " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Releases the slot if it still belongs to {@code dir}. */
    void release(Path dir) {
        try {
            String text = Files.readString(file());
            if (text.contains("dir=" + dir + "\n")) {
                Files.deleteIfExists(file());
            }
        } catch (NoSuchFileException gone) {
            // already released
        } catch (IOException e) {
            throw new LabException("lab: cannot release slot file " + file() + ": " + e.getMessage(), e);
        }
    }

    private static String record(Path dir, long pid, long owner) {
        return "dir=" + dir + "\npid=" + pid + "\nowner=" + owner + "\n";
    }
}
