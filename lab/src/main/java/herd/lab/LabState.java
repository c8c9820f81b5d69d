package herd.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What {@code up} recorded in {@code DIR/lab.properties}, so that {@code status} and {@code down}
 * (also after a crash, from another process) know the lab's spec, slot, namespaces and pids.
 */
final class LabState {
    private final Path file;
    private final Properties props = new Properties();

    private LabState(Path file) {
        this.file = file;
    }

    static LabState create(LabDir dir, LabSpec spec, LabSlot slot) {
        LabState s = new LabState(dir.state());
        s.props.setProperty("nodes", Integer.toString(spec.nodes()));
        s.props.setProperty("extras", String.join(",", spec.extras()));
        s.props.setProperty("bmc", Boolean.toString(spec.bmc()));
        s.props.setProperty("dns", Boolean.toString(spec.dns()));
        s.props.setProperty("dnsDynamic", Boolean.toString(spec.dnsDynamic()));
        s.props.setProperty("dhcp", Boolean.toString(spec.dhcp()));
        s.props.setProperty("redfish", Boolean.toString(spec.redfish()));
        s.props.setProperty("slot", Integer.toString(slot.index()));
        s.save();
        return s;
    }

    static boolean exists(LabDir dir) {
        return Files.isRegularFile(dir.state());
    }

    static LabState load(LabDir dir) {
        LabState s = new LabState(dir.state());
        try (Reader r = Files.newBufferedReader(dir.state())) {
            s.props.load(r);
        } catch (IOException e) {
            throw new LabException("lab: cannot read " + dir.state() + ": " + e.getMessage(), e);
        }
        return s;
    }

    LabSpec spec(Path dir) {
        String extras = props.getProperty("extras", "");
        return new LabSpec(Integer.parseInt(props.getProperty("nodes", "0")),
                extras.isEmpty() ? List.of() : Arrays.asList(extras.split(",")),
                flag("bmc"), flag("dns"), flag("dnsDynamic"), flag("dhcp"), flag("redfish"), dir);
    }

    LabSlot slot() {
        return new LabSlot(Integer.parseInt(props.getProperty("slot")));
    }

    private boolean flag(String key) {
        return Boolean.parseBoolean(props.getProperty(key, "false"));
    }

    long holderPid() {
        return Long.parseLong(props.getProperty("holder.pid", "0"));
    }

    String mountNamespace() {
        return props.getProperty("holder.mnt", "");
    }

    void holder(long pid, String mnt) {
        props.setProperty("holder.pid", Long.toString(pid));
        props.setProperty("holder.mnt", mnt);
        save();
    }

    long startMillis() {
        return Long.parseLong(props.getProperty("start.millis", "0"));
    }

    void started(long millis) {
        props.setProperty("start.millis", Long.toString(millis));
        save();
    }

    /** Network namespaces this lab created (deleted by {@code down}). */
    List<String> netns() {
        String v = props.getProperty("netns", "");
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    synchronized void addNetns(String name) {
        List<String> all = new ArrayList<>(netns());
        if (!all.contains(name)) {
            all.add(name);
            props.setProperty("netns", String.join(",", all));
            save();
        }
    }

    private synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                props.store(w, "herd lab state; read by 'herd lab status' and 'herd lab down'");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("lab: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
