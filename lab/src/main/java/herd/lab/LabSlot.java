package herd.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive share of the machine for one lab, so that labs can run side by side: slot k owns
 * the loopback range 127.(100+k).0.0/16, the ports {@code 12000 + 500k ..} (below the kernel's
 * ephemeral range) and network-namespace names starting with {@code herdlab<k>-}.
 *
 * <p>A slot is a file {@code /tmp/herd-lab-slots/slot-<k>} naming the lab directory and the pid
 * that keeps it alive; a slot whose pid is gone is stale and may be claimed again.
 *
 * @param index slot number, 0 .. {@link #COUNT} - 1
 */
record LabSlot(int index) {
    static final int COUNT = 40;
    static final int PORTS = 500;
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

    /** Claims the first free (or stale) slot for {@code dir}, recording {@code pid} as its keeper. */
    static LabSlot claim(Path dir, long pid) {
        synchronized (CLAIM_MONITOR) {
            try {
                Files.createDirectories(REGISTRY);
                try (FileChannel ch = FileChannel.open(REGISTRY.resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = ch.lock()) {
                    for (int k = 0; k < COUNT; k++) {
                        LabSlot slot = new LabSlot(k);
                        if (slot.tryTake(dir, pid)) {
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

    private boolean tryTake(Path dir, long pid) throws IOException {
        try {
            Files.writeString(file(), record(dir, pid), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException taken) {
            if (!isStale()) {
                return false;
            }
            Files.writeString(file(), record(dir, pid), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return true;
        }
    }

    private boolean isStale() throws IOException {
        String text;
        try {
            text = Files.readString(file());
        } catch (NoSuchFileException gone) {
            return true;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("pid=")) {
                return !Procs.alive(Long.parseLong(line.substring(4).trim()));
            }
        }
        return true;
    }

    /** Records the process that now keeps the lab alive (the namespace holder). */
    void keep(Path dir, long pid) {
        try {
            Files.writeString(file(), record(dir, pid));
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

    private static String record(Path dir, long pid) {
        return "dir=" + dir + "\npid=" + pid + "\n";
    }
}
