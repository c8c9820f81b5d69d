package herd.services;

import herd.files.FileAccess;
import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.inventory.Inventory;
import herd.inventory.Network;
import herd.inventory.Services;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The DHCP, DNS and hosts settings of an inventory, in the engines' typed records ({@code host}:
 * the node holding the files, reached over SSH/SFTP; null = this machine). A missing
 * section is null; {@link #requireDhcp()} and friends turn that into one clear line.
 *
 * <pre>{@code
 * ServiceSettings s = ServiceSettings.from(InventoryLoader.load(Path.of("cluster.yaml")), System.getenv(), prompt);
 * }</pre>
 */
public record ServiceSettings(String host, DhcpSettings dhcp, DnsSettings dns, String hosts, String domain, List<Network> networks) {

    public static ServiceSettings from(Inventory inv, Map<String, String> env, Function<String, char[]> prompt) {
        return from(inv, env, prompt, true);
    }

    /** With {@code secrets} false the TSIG key is left out (commands that never talk to named). */
    public static ServiceSettings from(Inventory inv, Map<String, String> env, Function<String, char[]> prompt,
            boolean secrets) {
        Services s = inv.services();
        DhcpSettings dhcp = s.dhcp() == null || s.dhcp().conf() == null ? null
                : new DhcpSettings(s.dhcp().conf(), s.dhcp().restart());
        DnsSettings dns = null;
        if (s.dns() != null && s.dns().zones() != null) {
            Services.Dns d = s.dns();
            Services.Tsig t = d.tsig();
            String secret = t == null || !secrets ? null : lazySecret(t.secret(), env, prompt, d.dynamic());
            DnsSettings.TsigKey key = secret == null ? null : new DnsSettings.TsigKey(t.name(),
                    t.algorithm() == null ? "hmac-sha256" : t.algorithm(), secret);
            dns = new DnsSettings(d.zones(), inv.domain(), d.server(), d.port() == null ? 53 : d.port(), d.rndc(), key,
                    d.dynamic());
        }
        return new ServiceSettings(s.host(), dhcp, dns, s.hosts(), inv.domain() == null ? "" : inv.domain(),
                inv.networks());
    }

    private static String lazySecret(String ref, Map<String, String> env, Function<String, char[]> prompt,
            boolean needed) {
        // A "prompt" secret is asked only when dynamic updates are the default; --dynamic asks again.
        if (ref == null || (ref.equals("prompt") && !needed)) {
            return null;
        }
        return SecretRef.resolve(ref, env, prompt);
    }

    /**
     * Access to the service files: this machine's, or with {@code services.host} those of that node,
     * as {@code remote} opens them (the adapters: SFTP on the session's SSH connection).
     */
    public FileEditor editor(Function<String, FileAccess> remote) {
        return new FileEditor(host == null || host.isBlank() ? new LocalFileAccess() : remote.apply(host));
    }

    /** Access to local service files, for callers without a session; {@code services.host} is refused. */
    public FileEditor editor() {
        return editor(h -> {
            throw new ServicesException("services.host " + h + ": remote files need the shell's SSH connections");
        });
    }

    public DhcpSettings requireDhcp() {
        if (dhcp == null) {
            throw new ServicesException("the inventory has no services.dhcp.conf");
        }
        return dhcp;
    }

    public DnsSettings requireDns() {
        if (dns == null) {
            throw new ServicesException("the inventory has no services.dns.zones");
        }
        return dns;
    }

    public String requireHosts() {
        if (hosts == null) {
            throw new ServicesException("the inventory has no services.hosts");
        }
        return hosts;
    }
}
