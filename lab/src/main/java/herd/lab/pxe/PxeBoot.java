package herd.lab.pxe;

import herd.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One lab node booting from the network, as firmware + iPXE + an installer would: DHCP, the
 * iPXE chain over HTTP (boot.ipxe, the node file, kernel, initrd), the installer config and
 * stage2, a few seconds of "installing", the node's disk rewritten from what the config asks
 * ({@link LabInstaller}: a fresh root, a new host key), the config's completion step (run in the new
 * system from the node's address: it reports the new host key to herd), then a reboot that boots the
 * disk (the node's sshd starts) unless the BMC still says PXE, in which case it starts over.
 * Every step is appended to {@code console.log} in its work directory. Booting the disk ends
 * the network boot: the node's request file ({@code DIR/pxe/boot/NAME}) is removed.
 */
final class PxeBoot implements Runnable {

    private static final int MAX_BOOTS = 4;

    private final Lab lab;
    private final String node;
    private final Duration installTime;
    private final Path work;
    private final Path request;
    private volatile boolean bootedDisk;
    private PxeNodeNet net;

    PxeBoot(Lab lab, String node, Duration installTime, Path work, Path request) {
        this.lab = lab;
        this.node = node;
        this.installTime = installTime;
        this.work = work;
        this.request = request;
    }

    /** True once the node booted its disk: the request file it removes then is no power-off. */
    boolean bootedDisk() {
        return bootedDisk;
    }

    @Override
    public void run() {
        lab.stopNode(node); // in firmware: the installed OS (its sshd) is not running
        try (PxeNodeNet card = new PxeNodeNet(webServerPid(), lab.node(node).mac(), work)) {
            net = card;
            for (int boot = 0; boot < MAX_BOOTS && !Thread.currentThread().isInterrupted(); boot++) {
                if (!bootOnce()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            console("failed: " + e.getMessage());
        }
    }

    /** nginx runs on the DHCP bridge's namespace: the card is plugged there. */
    private long webServerPid() {
        Path pid = lab.dir().resolve("pxe/nginx/nginx.pid");
        try {
            return Long.parseLong(Files.readString(pid).strip());
        } catch (IOException | NumberFormatException e) {
            throw new herd.lab.LabException("lab pxe: no web server pid in " + pid + ": " + e.getMessage(), e);
        }
    }

    /** One power-on; true when the machine reboots into PXE again. */
    private boolean bootOnce() {
        Map<String, String> lease = net.dhcp(true);
        if (!lease.containsKey("ip_address")) {
            console("PXE-E51: no DHCP offers were received");
            return false;
        }
        String server = lease.getOrDefault("next_server", PxeHttpServer.ADDRESS);
        console("DHCP " + lease.get("ip_address") + " next-server " + server + " filename " + lease.get("filename"));
        Map<String, String> vars = Map.of("next-server", server, "hostname", lease.getOrDefault("host_name", ""),
                "platform", "pcbios", "net0/mac", lab.node(node).mac(), "mac", lab.node(node).mac());
        IpxeInterpreter.Outcome o = new IpxeInterpreter(vars, this::get).run("http://" + server + "/boot.ipxe");
        switch (o.kind()) {
            case FAILED -> {
                console("iPXE: " + o.detail());
                return false;
            }
            case LOCAL_DISK -> {
                console("iPXE: " + o.detail() + ": booting the local disk");
                bootDisk();
                return false;
            }
            default -> {
                install(o);
                sleep(installTime); // reboot: firmware and POST take a while too
                if (lab.bootDevice(node).equals("pxe")) {
                    console("reboot: boot device pxe");
                    return true;
                }
                bootDisk();
                return false;
            }
        }
    }

    private void install(IpxeInterpreter.Outcome o) {
        console("installer: " + o.kernel() + " " + o.args());
        StringBuilder configs = new StringBuilder();
        for (String url : IpxeInterpreter.configUrls(o.args())) {
            String body = get(url);
            configs.append(body == null ? "" : body).append('\n');
        }
        String stage2 = IpxeInterpreter.stage2Url(o.args());
        if (stage2 != null) {
            get(stage2 + (stage2.endsWith("/") ? ".treeinfo" : ""));
        }
        sleep(installTime);
        // The BMC's power-on may have started the old OS after this boot began: the machine is
        // in the installer, so make sure it is down before writing its disk.
        lab.stopNode(node);
        lab.reinstall(node, LabInstaller.firstBoot(configs.toString()));
        console("installer: disk written (fresh system, new host key)");
        LabInstaller.callback(configs.toString()).ifPresentOrElse(script -> {
            PxeProcs.Result r = net.runInstalled(lab.dir().resolve("nodes").resolve(node).resolve("disk"),
                    work.resolve("installed"), script);
            console("installer: finished, ran the config's completion step (rc " + r.rc() + ")"
                    + ((r.out() + r.err()).isBlank() ? "" : ": " + (r.out() + r.err()).strip()));
        }, () -> console("installer: finished (no completion callback in the config)"));
    }

    private void bootDisk() {
        net.dhcp(false); // the installed system asks for its address again
        bootedDisk = true;
        lab.startNode(node);
        try {
            Files.deleteIfExists(request);
        } catch (IOException e) {
            throw new herd.lab.LabException("lab pxe: " + request + ": " + e.getMessage(), e);
        }
        console("booted from disk: sshd started");
    }

    private String get(String url) {
        String body = net.get(url);
        console("GET " + url + (body == null ? " (not 200)" : ""));
        return body;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void console(String line) {
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve("console.log"), Instant.now() + " " + node + ": " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new herd.lab.LabException("lab pxe: " + work + ": " + e.getMessage(), e);
        }
    }

    /** Lines this node's console printed so far. */
    static List<String> consoleLines(Path work) throws IOException {
        Path f = work.resolve("console.log");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
