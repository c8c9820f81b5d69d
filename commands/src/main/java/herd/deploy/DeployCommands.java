package herd.deploy;

import herd.bmc.BmcEngine;
import herd.bmc.SessionBmc;
import herd.files.WriteMode;
import herd.logs.LogsInventory;
import herd.net.NetEngine;
import herd.net.NetNode;
import herd.net.NetResult;
import herd.nodeset.NodeSet;
import herd.services.ServiceFiles;
import herd.services.ServiceSettings;
import herd.session.Count;
import herd.session.Jobs;
import herd.session.Output;
import herd.session.Session;
import herd.session.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The deploy commands: deploy over PXE and follow it, deploy status (docs/deploy.md). */
@Component
public class DeployCommands {

    private static final String GROUP = "Deploy";

    private final Session session;

    public DeployCommands(Session session) {
        this.session = session;
    }

    @Command(name = "deploy", group = GROUP, description = "Install nodes over PXE and track them to ssh-up",
            help = "Renders their PXE files, sets a one-time PXE boot, power-cycles them, follows dhcpd and the web"
                    + " server's logs; at install-finished switches each node to local boot and disk. --follow shows"
                    + " progress until done (Ctrl-C detaches; the deployment goes on as a job: 'deploy status', 'jobs', 'fg').")
    public void deploy(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes,
                       @Option(longName = "profile", description = "profile (default: the inventory's)") String profile,
                       @Option(longName = "follow", description = "show progress until the end") boolean follow,
                       @Option(longName = "timeout", description = "whole deployment, e.g. 90s, 45m, 2h", defaultValue = "2h")
                       String timeout,
                       @Option(longName = "yes", description = "do not ask for confirmation") boolean yes) {
        Duration overall = parseDuration(timeout);
        NodeSet target = session.nodes(nodes);
        Output out = session.out();
        if (!yes && !out.confirm("Reinstall " + target + " (" + Count.of(target.size(), "node") + ")?", "--yes")) {
            return;
        }
        var inv = session.inventory();
        DeployRequest request = DeployEngine.plan(inv, target, profile, overall);
        netSync(target, out);
        DeployPrinter printer = new DeployPrinter(out);
        Instant deadline = Instant.now().plus(overall);
        DeployJob job = new DeployEngine(LogsInventory.tagger(inv)).start(request, bootControl(), printer);
        DeployShellJob shellJob = new DeployShellJob(job, printer, target);
        int id = jobs().add(shellJob);
        // A batch file or -c has no background to go on in: there, deploy always follows.
        if (!follow && out.interactive()) {
            printer.detach();
            out.line("[" + id + "] deploying " + target + " in the background: 'deploy status' shows where each node is,"
                    + " 'fg' follows it");
            return;
        }
        try {
            Jobs.inFront(shellJob, session.cancellation(), () -> out.progress(DeployPrinter.summary(job.progress())));
        } finally {
            printer.detach();
            out.progress("");
        }
        out.result(DeployPrinter.table(job.progress(), Instant.now()));
        if (job.running()) {
            out.line("detached: the deployment goes on in the background ('deploy status', 'fg')");
        } else {
            session.conclude("deploy", DeployEngine.outcomes(job.progress(), !Instant.now().isBefore(deadline)));
        }
    }

    @Command(name = "deploy status", group = GROUP, description = "Where each node of this session's deployments is",
            help = "One row per node: stage, time since the deploy started, time in the stage, last log event, flags.")
    public void status() {
        List<DeployJob> jobs = jobs().list().stream().map(Jobs.Entry::job).filter(DeployShellJob.class::isInstance)
                .map(j -> ((DeployShellJob) j).deployment()).toList();
        if (jobs.isEmpty()) {
            throw new UsageException("deploy status: no deployment in this session");
        }
        Instant now = Instant.now();
        for (DeployJob job : jobs) {
            session.out().result(DeployPrinter.table(job.progress(), now));
            job.problems().forEach(session.out()::warn);
        }
    }

    /** DHCP, DNS and hosts must hold the nodes before they boot: {@code net sync --apply} for them. */
    private void netSync(NodeSet target, Output out) {
        if (session.inventory().services().dhcp() == null) {
            out.warn("deploy: the inventory has no services.dhcp: DHCP entries not checked");
            return;
        }
        ServiceSettings settings = ServiceFiles.settings(session);
        NetResult r = new NetEngine(ServiceFiles.editor(session, settings), settings, Clock.systemDefaultZone())
                .sync(NetNode.of(session, target.toString(), false), WriteMode.APPLY);
        r.actions().forEach(a -> out.line("net sync: " + a));
    }

    private Jobs jobs() {
        return session.resource(Jobs.class, Jobs::new);
    }

    private BootControl bootControl() {
        return new BmcBootControl(new BmcEngine(SessionBmc.pool(session), SessionBmc.settings(session).fanout()),
                SessionBmc.credentials(session));
    }

    static Duration parseDuration(String text) {
        if (!text.matches("\\d+[smh]?")) {
            throw new UsageException("deploy: --timeout: '" + text + "' is not a duration (e.g. 90s, 45m, 2h)");
        }
        long n = Long.parseLong(text.replaceAll("[smh]$", ""));
        return text.endsWith("h") ? Duration.ofHours(n) : text.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }
}
