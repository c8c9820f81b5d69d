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
                    + " a live view on a terminal (stage counts, the nodes that need a person; a key prints the table),"
                    + " until every node is up or needs a person; Ctrl-C detaches (the deployment goes on as a job:"
                    + " 'deploy status', 'jobs', 'fg'). Sets @last:ok, @last:failed, @last:stuck.")
    public void deploy(@Argument(index = 0, description = "nodes (default: the target)", defaultValue = "") String nodes,
                       @Option(longName = "profile", description = "profile (default: the inventory's)") String profile,
                       @Option(longName = "follow", description = "show progress until the end") boolean follow,
                       @Option(longName = "events", description = "with --follow: one line per event, not the live view")
                       boolean events,
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
        DeployFollow view = new DeployFollow(out, events);
        DeployPrinter printer = new DeployPrinter(out, !view.view());
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
        conclude(job, view.run(shellJob, session.cancellation()));
    }

    @Command(name = "deploy status", group = GROUP, description = "Where each node of this session's deployments is",
            help = "One row per node: stage, time since the deploy started, time in the stage, last log event, flags."
                    + " --follow shows the newest deployment live, as 'deploy --follow' does, and ends the same way.")
    public void status(@Option(longName = "follow", description = "follow the newest deployment") boolean follow,
                       @Option(longName = "events", description = "with --follow: one line per event, not the live view")
                       boolean events) {
        List<DeployShellJob> jobs = jobs().list().stream().map(Jobs.Entry::job).filter(DeployShellJob.class::isInstance)
                .map(DeployShellJob.class::cast).toList();
        if (jobs.isEmpty()) {
            throw new UsageException("deploy status: no deployment in this session");
        }
        if (follow) {
            DeployShellJob newest = jobs.get(jobs.size() - 1);
            DeployFollow view = new DeployFollow(session.out(), events);
            newest.printer().attach(session.out(), !view.view());
            conclude(newest.deployment(), view.run(newest, session.cancellation()));
            return;
        }
        Instant now = Instant.now();
        for (DeployShellJob job : jobs) {
            session.out().result(DeployPrinter.table(job.deployment().progress(), now));
            job.deployment().problems().forEach(session.out()::warn);
        }
    }

    /** After following: the summary, then the outcome sets unless Ctrl-C detached (the deployment goes on). */
    private void conclude(DeployJob job, boolean detached) {
        Output out = session.out();
        List<NodeProgress> rows = job.progress();
        Instant now = Instant.now();
        out.result(DeployPrinter.table(rows, now), DeploySummary.lines(rows, now));
        if (detached) {
            out.line("detached: the deployment goes on in the background ('deploy status', 'fg')");
            return;
        }
        if (job.running() && !job.succeeded()) {
            out.line("the deployment goes on in the background for the nodes short of ssh-up ('deploy status', 'jobs')");
        }
        session.conclude("deploy", DeployEngine.outcomes(rows, !now.isBefore(job.deadline())));
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
