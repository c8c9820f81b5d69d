package herd.pxe;

import herd.session.Complete;
import herd.session.Output;
import herd.session.Session;
import herd.session.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The pxe commands: render the iPXE tree, show a node's chain (docs/pxe.md). */
@Component
public class PxeCommands {

    private static final String GROUP = "PXE";

    private final Session session;
    private final PxeRenderEngine engine = new PxeRenderEngine();

    public PxeCommands(Session session) {
        this.session = session;
    }

    @Command(name = "pxe render", group = GROUP, description = "Write the iPXE tree and installer configs under the http root",
            help = "boot.ipxe, nodes_groups/group_PROFILE.ipxe and its installer config, nodes/NODE.ipxe links."
                    + " Nodes already switched to local boot keep it. --dry-run shows the diff and writes nothing.")
    public void render(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes,
                       @Option(longName = "profile", description = "profile for every node (default: the inventory's)")
                       String profile,
                       @Option(longName = "dry-run", description = "show the changes, write nothing") boolean dryRun) {
        var inv = session.inventory();
        Map<String, DeployProfile> profiles = PxeInventory.profiles(inv);
        List<PxeNode> pxe = PxeInventory.pxeNodes(inv, session.nodes(nodes), profiles, profile);
        java.nio.file.Path httpRoot = PxeInventory.httpRoot(inv);
        // As deploy renders them: with a host CA, the configs fetch their certificates.
        boolean certificates = pxe.stream().anyMatch(n -> inv.ssh(n.name()).hostCa() != null);
        PxeRenderResult r = engine.render(new PxeRenderRequest(httpRoot, PxeInventory.tftpRoot(inv), pxe, profiles,
                Set.of(), dryRun, certificates));
        if (r.written()) {
            // The tree is generated, so it keeps no backups.
            r.changes().stream().filter(c -> c.kind() == PxeRenderResult.Kind.CREATED || c.kind() == PxeRenderResult.Kind.UPDATED)
                    .forEach(c -> session.effects().wrote(httpRoot.resolve(c.path()).toString(), null, ""));
        }
        Output out = session.out();
        r.warnings().forEach(out::warn);
        Table table = Table.of("path", "change");
        for (PxeRenderResult.Change c : r.changes()) {
            table = table.row(c.path(), c.kind().name().toLowerCase().replace('_', ' '));
            if (dryRun && !c.diff().isEmpty()) {
                out.line(c.diff().startsWith("---") ? c.diff().stripTrailing() : c.path() + " " + c.diff());
            }
        }
        out.result(table);
    }

    @Command(name = "pxe show", group = GROUP, description = "Print the chain a node will follow, file by file",
            help = "boot.ipxe, the node's file (and its link), then the kernel, initrd and installer config it names.")
    public void show(@Complete(Complete.Kind.NODE) @Argument(index = 0, description = "node") String node) {
        var inv = session.inventory();
        inv.require(node);
        List<PxeChain.Step> steps = PxeChain.of(PxeInventory.httpRoot(inv), node);
        Output out = session.out();
        List<String> lines = new ArrayList<>();
        for (PxeChain.Step s : steps) {
            String link = s.linkTarget() == null ? "" : " -> " + s.linkTarget();
            lines.add("==> " + s.path() + link + " (" + s.role() + (s.exists() ? "" : ", missing") + ")");
            if (s.text() != null) {
                lines.add(s.text().stripTrailing());
            }
        }
        out.result(steps, lines);
    }
}
