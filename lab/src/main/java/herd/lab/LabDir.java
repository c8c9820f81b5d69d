package herd.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The file layout of a lab directory; every path of a lab is named here. */
record LabDir(Path root) {
    Path inventory() {
        return root.resolve("cluster.yaml");
    }

    Path state() {
        return root.resolve("lab.properties");
    }

    Path secrets() {
        return root.resolve("secrets");
    }

    Path clusterHosts() {
        return root.resolve("hosts");
    }

    Path ssh() {
        return root.resolve("ssh");
    }

    Path sshKey() {
        return ssh().resolve("id_ed25519");
    }

    Path knownHosts() {
        return ssh().resolve("known_hosts");
    }

    Path sshConfig() {
        return ssh().resolve("config");
    }

    Path resolverHosts() {
        return ssh().resolve("hosts");
    }

    Path home() {
        return root.resolve("home");
    }

    Path sshdConfig() {
        return root.resolve("sshd_config");
    }

    Path bin(String name) {
        return root.resolve("bin").resolve(name);
    }

    Path run(String name) {
        return root.resolve("run").resolve(name);
    }

    Path log(String name) {
        return root.resolve("log").resolve(name);
    }

    Path node(String name) {
        return root.resolve("nodes").resolve(name);
    }

    Path dns(String name) {
        return root.resolve("dns").resolve(name);
    }

    Path dhcp(String name) {
        return root.resolve("dhcp").resolve(name);
    }

    /** Writes {@code text} to {@code file}, creating parents; mode 0600 when {@code secret}. */
    static void write(Path file, String text, boolean secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (secret) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("lab: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies resource {@code name} of this package to {@code file} (mode 0755), with @DIR@ filled in. */
    void script(String name, Path file) {
        script(name, file, java.util.Map.of());
    }

    /** Like {@link #script(String, Path)}, also replacing each {@code @KEY@} of {@code vars}. */
    void script(String name, Path file, java.util.Map<String, String> vars) {
        try (InputStream in = LabDir.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new LabException("lab: resource " + name + " missing from the herd-lab jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@DIR@", root.toString());
            for (var v : vars.entrySet()) {
                text = text.replace("@" + v.getKey() + "@", v.getValue());
            }
            write(file, text, false);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new LabException("lab: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("lab: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
