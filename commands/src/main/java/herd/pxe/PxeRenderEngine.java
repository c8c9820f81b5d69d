package herd.pxe;

import herd.files.UnifiedDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the tutorial's iPXE tree under the http root: {@code boot.ipxe}, one iPXE file and one
 * installer config per group (= profile), the local-boot file, and per-node relative symlinks.
 * Every installer config is validated before anything is written; each path is written
 * atomically (temp + rename).
 * <pre>{@code
 * PxeRenderResult r = new PxeRenderEngine().render(new PxeRenderRequest(httpRoot, tftpRoot,
 *         nodes, profiles, Set.of(), true));                 // dry run: r.changes() hold the diffs
 * }</pre>
 */
public final class PxeRenderEngine {

    /** The iPXE binaries the tutorial's dhcpd.conf hands out, expected in the tftp root. */
    public static final List<String> IPXE_BINARIES = List.of("undionly.kpxe", "ipxe.efi");

    public PxeRenderResult render(PxeRenderRequest req) {
        List<String> warnings = new ArrayList<>();
        List<PlannedFile> plan = plan(req, warnings);
        List<PxeRenderResult.Change> changes = new ArrayList<>();
        for (PlannedFile f : plan) {
            changes.add(compare(req.httpRoot(), f, req.install()));
        }
        if (!req.dryRun()) {
            for (int i = 0; i < plan.size(); i++) {
                PxeRenderResult.Kind kind = changes.get(i).kind();
                if (kind == PxeRenderResult.Kind.CREATED || kind == PxeRenderResult.Kind.UPDATED) {
                    write(req.httpRoot(), plan.get(i));
                }
            }
        }
        return new PxeRenderResult(changes, warnings, !req.dryRun());
    }

    /** Points {@code nodes/NODE.ipxe} at the local-boot file (after install), atomically. */
    public void switchToLocalBoot(Path httpRoot, String node) {
        write(httpRoot, PlannedFile.file(PxeLayout.LOCAL_BOOT, IpxeRenderer.localBoot()));
        write(httpRoot, PlannedFile.link(PxeLayout.nodeFile(node), PxeLayout.linkTarget(PxeLayout.LOCAL_BOOT)));
    }

    List<PlannedFile> plan(PxeRenderRequest req, List<String> warnings) {
        Map<String, List<PxeNode>> groups = new LinkedHashMap<>();
        for (PxeNode n : req.nodes()) {
            if (!req.profiles().containsKey(n.profile())) {
                throw new PxeException("node " + n.name() + ": unknown profile '" + n.profile() + "'");
            }
            groups.computeIfAbsent(n.profile(), k -> new ArrayList<>()).add(n);
        }
        List<PlannedFile> plan = new ArrayList<>();
        plan.add(PlannedFile.file(PxeLayout.BOOT, IpxeRenderer.boot()));
        plan.add(PlannedFile.file(PxeLayout.LOCAL_BOOT, IpxeRenderer.localBoot()));
        plan.add(PlannedFile.file(PxeLayout.CALLBACK, "ok\n"));
        for (Map.Entry<String, List<PxeNode>> g : groups.entrySet()) {
            DeployProfile p = req.profiles().get(g.getKey());
            String server = g.getValue().get(0).server();
            g.getValue().stream().filter(n -> !n.server().equals(server)).forEach(n -> warnings.add("group "
                    + g.getKey() + ": node " + n.name() + " has next-server " + n.server() + ", config uses " + server));
            plan.add(PlannedFile.file(PxeLayout.groupIpxe(g.getKey()), IpxeRenderer.group(p, g.getKey())));
            plan.addAll(installerFiles(p, new InstallContext(g.getKey(), server, req.hostCertificates())));
            checkPaths(req.httpRoot(), p, warnings);
            for (PxeNode n : g.getValue()) {
                plan.add(PlannedFile.link(PxeLayout.nodeFile(n.name()), PxeLayout.linkTarget(PxeLayout.groupIpxe(g.getKey()))));
            }
        }
        for (String bin : IPXE_BINARIES) {
            if (!Files.isRegularFile(req.tftpRoot().resolve(bin))) {
                warnings.add("tftp root " + req.tftpRoot() + ": missing iPXE binary " + bin);
            }
        }
        return plan;
    }

    private static List<PlannedFile> installerFiles(DeployProfile p, InstallContext ctx) {
        String path = PxeLayout.groupConfig(ctx.group(), p.os());
        String text = switch (p.os()) {
            case EL -> KickstartRenderer.render(p, ctx);
            case UBUNTU -> AutoinstallRenderer.render(p, ctx);
            case DEBIAN -> PreseedRenderer.render(p, ctx);
            case OPENSUSE -> AutoyastRenderer.render(p, ctx);
        };
        List<String> problems = InstallerValidator.check(p.os(), path, text);
        if (!problems.isEmpty()) {
            throw new PxeException("profile " + p.name() + ": generated " + problems.get(0));
        }
        List<PlannedFile> out = new ArrayList<>(List.of(PlannedFile.file(path, text)));
        if (p.os() == OsFamily.UBUNTU) {
            out.add(PlannedFile.file(path.replace("user-data", "meta-data"), ""));
        }
        return out;
    }

    private static void checkPaths(Path httpRoot, DeployProfile p, List<String> warnings) {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("kernel", p.kernelUrl());
        urls.put("initrd", p.initrdUrl());
        urls.put("stage2", p.stage2Url());
        urls.forEach((what, url) -> {
            if (url.startsWith(PxeLayout.IPXE_BASE)) {
                Path local = httpRoot.resolve(url.substring(PxeLayout.IPXE_BASE.length()));
                if (!Files.exists(local)) {
                    warnings.add("profile " + p.name() + ": " + what + " " + local + " does not exist");
                }
            }
        });
    }

    private static PxeRenderResult.Change compare(Path root, PlannedFile f, java.util.Set<String> install) {
        Path target = root.resolve(f.path());
        try {
            if (f.isLink()) {
                if (!Files.isSymbolicLink(target)) {
                    return change(f, Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? PxeRenderResult.Kind.UPDATED
                            : PxeRenderResult.Kind.CREATED, "-> " + f.linkTarget());
                }
                String now = Files.readSymbolicLink(target).toString();
                String node = f.path().substring("nodes/".length(), f.path().length() - ".ipxe".length());
                if (now.equals(f.linkTarget())) {
                    return change(f, PxeRenderResult.Kind.UNCHANGED, "");
                }
                if (now.equals(PxeLayout.linkTarget(PxeLayout.LOCAL_BOOT)) && !install.contains(node)) {
                    return change(f, PxeRenderResult.Kind.KEPT_LOCAL, "");
                }
                return change(f, PxeRenderResult.Kind.UPDATED, now + " -> " + f.linkTarget());
            }
            String before = Files.isRegularFile(target) ? Files.readString(target) : null;
            if (f.content().equals(before)) {
                return change(f, PxeRenderResult.Kind.UNCHANGED, "");
            }
            return change(f, before == null ? PxeRenderResult.Kind.CREATED : PxeRenderResult.Kind.UPDATED,
                    UnifiedDiff.of(f.path(), before, f.content()));
        } catch (IOException e) {
            throw new PxeException(target + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static PxeRenderResult.Change change(PlannedFile f, PxeRenderResult.Kind kind, String diff) {
        return new PxeRenderResult.Change(f.path(), kind, diff);
    }

    private static void write(Path root, PlannedFile f) {
        Path target = root.resolve(f.path());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".herd-tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            if (f.isLink()) {
                Files.createSymbolicLink(tmp, Path.of(f.linkTarget()));
            } else {
                Files.writeString(tmp, f.content());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PxeException(target + ": cannot write: " + e.getMessage(), e);
        }
    }
}
