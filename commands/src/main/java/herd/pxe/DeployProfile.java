package herd.pxe;

import java.util.List;
import java.util.Objects;

/**
 * One deploy profile: what to install and how. Paths ({@code kernel}, {@code initrd},
 * {@code stage2}) are relative to {@code repo} unless they are URLs; {@code ${next-server}} in a
 * URL is left to iPXE in iPXE files and replaced by the group's server in installer configs.
 * <pre>{@code
 * DeployProfile p = ProfileParser.parseText("profiles:\n  compute: {os: el, version: '9'}\n", "x.yaml").get("compute");
 * p.kernelUrl();   // http://${next-server}/repositories/AlmaLinux/9/x86_64/os/images/pxeboot/vmlinuz
 * }</pre>
 *
 * @param kernelArgs arguments added to both the iPXE kernel line and the installed bootloader
 * @param partitions empty = the installer's automatic layout on {@code disk} (or the first disk)
 * @param post       extra shell lines run at the end of the install (before the completion callback)
 */
public record DeployProfile(String name, OsFamily os, String version, String repo, String kernel,
                            String initrd, String stage2, String mirror, String timezone, String keyboard,
                            String locale, String rootPasswordHash, List<String> sshKeys,
                            List<String> packages, String disk, List<Partition> partitions,
                            List<String> kernelArgs, List<String> post) {

    /** One partition: mount point ({@code /}, {@code /boot}, {@code swap}), size ({@code 4G}, {@code max}), fs type. */
    public record Partition(String mount, String size, String fstype) {
        public Partition {
            Objects.requireNonNull(mount, "mount");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(fstype, "fstype");
        }

        public boolean swap() {
            return mount.equals("swap");
        }

        public boolean grows() {
            return size.equals("max");
        }

        /** Size in MiB ({@code 512M}, {@code 2G}, {@code 1024}); -1 for {@code max}. */
        public long mebibytes() {
            if (grows()) {
                return -1;
            }
            String digits = size.replaceAll("(?i)(i?b|m|g|t)+$", "");
            long n = Long.parseLong(digits);
            String unit = size.substring(digits.length()).toUpperCase();
            return unit.startsWith("G") ? n * 1024 : unit.startsWith("T") ? n * 1024 * 1024 : n;
        }
    }

    public DeployProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(os, "os");
        sshKeys = List.copyOf(sshKeys);
        packages = List.copyOf(packages);
        partitions = List.copyOf(partitions);
        kernelArgs = List.copyOf(kernelArgs);
        post = List.copyOf(post);
    }

    public String kernelUrl() {
        return resolve(kernel);
    }

    public String initrdUrl() {
        return resolve(initrd);
    }

    public String stage2Url() {
        return resolve(stage2);
    }

    /** The kernel arguments as one space-separated string ("" when none). */
    public String kernelArgLine() {
        return String.join(" ", kernelArgs);
    }

    private String resolve(String path) {
        if (path.contains("://")) {
            return path;
        }
        String base = repo.endsWith("/") ? repo : repo + "/";
        return base + path;
    }
}
