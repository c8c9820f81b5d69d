package herd.bmc;

import herd.nodeset.NodeSet;
import herd.session.Complete;
import herd.error.HerdException;
import herd.session.Count;
import herd.session.Output;
import herd.session.Session;
import herd.session.UsageException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** {@code power}, {@code bootdev} and {@code console}: thin adapters over {@link BmcEngine} and {@link ConsoleEngine}. */
@Component
public class BmcCommands {

    private static final String GROUP = "BMC";

    private final Session session;
    private final ObjectProvider<ConsoleTerminal> terminal;

    public BmcCommands(Session session, ObjectProvider<ConsoleTerminal> terminal) {
        this.session = session;
        IpmiBackend.prepare();
        this.terminal = terminal;
    }

    @Command(name = "power", group = GROUP, description = "Power nodes on/off/soft/reset/cycle, or show their status",
            help = "Through each node's BMC (IPMI lanplus, or Redfish where bmc.protocol is redfish), in parallel (set fanout N). 'status' publishes "
                    + "@power:on and @power:off. off/soft/reset/cycle on more than power_confirm nodes (16) "
                    + "ask first; in a batch file they need --yes.")
    public void power(
            @Complete(values = {"on", "off", "soft", "reset", "cycle", "status"})
            @Argument(index = 0, description = "on, off, soft, reset, cycle or status") String action,
            @Complete(Complete.Kind.NODES) @Argument(index = 1, description = "nodes (default: the target)") String nodes,
            @Option(longName = "wait", description = "wait until the state is reached") boolean wait,
            @Option(longName = "timeout", description = "seconds --wait may take", defaultValue = "300") int timeout,
            @Option(longName = "yes", description = "do not ask before acting on many nodes") boolean yes) {
        PowerAction act = PowerAction.parse(required(action, "power: missing ACTION (on, off, soft, reset, cycle, status)"));
        NodeSet target = session.nodes(nodes);
        BmcSettings settings = settings();
        confirm(act, target, settings, yes);
        warnInsecure(target);
        PowerResult result = engine(settings).power(new PowerRequest(target.expand(), act, wait, Duration.ofSeconds(timeout)),
                credentials(), session.cancellation(), progress(target));
        session.out().progress("");
        session.out().result(result.outcomes());
        if (!result.states().isEmpty()) {
            session.publish("power", result.byState());
        }
        session.conclude("power " + act.word(), result.outcomes());
    }

    @Command(name = "bootdev", group = GROUP, description = "Set the next boot device (pxe, disk, bios, cdrom), or show it",
            help = "Set System Boot Options through each node's BMC (IPMI), or the Boot override of its Redfish "
                    + "ComputerSystem (Once, or Continuous with --persistent; UEFI with --efi); 'bootdev status' reads "
                    + "it back.")
    public void bootdev(
            @Complete(values = {"pxe", "disk", "bios", "cdrom", "status"})
            @Argument(index = 0, description = "pxe, disk, bios, cdrom or status") String device,
            @Complete(Complete.Kind.NODES) @Argument(index = 1, description = "nodes (default: the target)") String nodes,
            @Option(longName = "persistent", description = "for every boot, not only the next") boolean persistent,
            @Option(longName = "efi", description = "EFI boot") boolean efi) {
        String word = required(device, "bootdev: missing DEVICE (pxe, disk, bios, cdrom, status)");
        Optional<BootSetting> setting = word.equals("status") ? Optional.empty()
                : Optional.of(new BootSetting(BootDevice.parse(word), persistent, efi));
        NodeSet target = session.nodes(nodes);
        warnInsecure(target);
        BootResult result = engine(settings()).boot(new BootRequest(target.expand(), setting), credentials(),
                session.cancellation(), progress(target));
        session.out().progress("");
        session.out().result(result.outcomes());
        session.conclude("bootdev " + word, result.outcomes());
    }

    @Command(name = "bmc info", group = GROUP, description = "Show model, serial, BIOS and BMC firmware, health and power",
            help = "Asks each node's BMC in parallel: Redfish (ComputerSystem and Manager) or IPMI (Get Device ID, "
                    + "FRU). Nodes whose facts are all identical share a row; with --json one object per row.")
    public void bmcInfo(
            @Complete(Complete.Kind.NODES) @Argument(index = 0, description = "nodes (default: the target)") String nodes) {
        NodeSet target = session.nodes(nodes);
        warnInsecure(target);
        InfoResult result = engine(settings()).info(target.expand(), credentials(), session.cancellation(),
                progress(target));
        session.out().progress("");
        if (!result.facts().isEmpty()) {
            session.out().result(result.table());
        }
        if (!result.outcomes().allOk()) {
            session.out().result(herd.session.OutcomeSet.of(result.outcomes().outcomes().stream()
                    .filter(o -> o.reason() != herd.session.Reason.OK).toList()));
        }
        session.conclude("bmc info", result.outcomes());
    }

    @Command(name = "console", group = GROUP, description = "Open a node's serial console (~. returns), or capture consoles",
            help = "SOL inside herd: ~. returns to the prompt, ~? lists the escapes, ~B sends a break. "
                    + "Every session is appended to console_logs/NODE.log. --log captures consoles in the "
                    + "background, --follow prints their lines until Ctrl-C, --stop ends captures.")
    public void console(
            @Complete(Complete.Kind.NODES) @Argument(index = 0, description = "a node, or nodes with --log/--stop") String nodes,
            @Option(longName = "force", description = "take over a console active elsewhere") boolean force,
            @Option(longName = "log", description = "capture in the background") boolean log,
            @Option(longName = "stop", description = "stop background captures") boolean stop,
            @Option(longName = "follow", description = "print captured lines until Ctrl-C") boolean follow) {
        ConsoleEngine consoles = consoles();
        if (log && session.oneLine()) {
            throw new UsageException("console --log: a capture would end with this herd -c at once;"
                    + " start it in the shell or in a batch file, which keep it until they end or 'console --stop'");
        }
        if (log || stop) {
            NodeSet target = session.nodes(nodes);
            var outcomes = log ? consoles.capture(target.expand(), credentials(), force) : consoles.stop(target.expand());
            session.out().result(outcomes);
            session.conclude("console", outcomes);
        } else if (follow) {
            follow(consoles);
        } else {
            attach(consoles, required(nodes, "console: missing NODE"), force);
        }
    }

    private void attach(ConsoleEngine consoles, String node, boolean force) {
        ConsoleTerminal tty = terminal.getIfAvailable();
        if (tty == null || !tty.available()) {
            throw new UsageException("console: needs an interactive terminal (use 'console --log' in batch files)");
        }
        BmcSettings settings = settings();
        try (ConsoleSession c = consoles.attach(session.inventory().require(node).name(), credentials(), force,
                settings.escape(), tty.screen())) {
            session.out().line(c.banner(settings.escape()));
            tty.lend(c);
            c.lostReason().ifPresent(why -> {
                throw new HerdException(why);
            });
        }
    }

    private void follow(ConsoleEngine consoles) {
        if (consoles.capturing().isEmpty()) {
            throw new HerdException("console --follow: no console is captured (console --log NODESET first)");
        }
        Output out = session.out();
        try (var r = consoles.follow(line -> out.line(line.toString()))) {
            while (!session.cancellation().isCancelled()) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void confirm(PowerAction action, NodeSet target, BmcSettings settings, boolean yes) {
        if (action.destructive() && target.size() > settings.confirmAbove() && !yes
                && !session.out().confirm("power " + action.word() + " " + Count.of(target.size(), "node") + " (" + target + ")?", "--yes")) {
            throw new HerdException("power " + action.word() + ": not confirmed, nothing done");
        }
    }

    /** {@code bmc.insecure} is said on every use, for the nodes it concerns. */
    private void warnInsecure(NodeSet target) {
        var inventory = session.inventory();
        List<String> insecure = target.expand().stream().filter(n -> inventory.node(n).isPresent())
                .filter(n -> inventory.bmc(n).redfish() && Boolean.TRUE.equals(inventory.bmc(n).insecure())).toList();
        if (!insecure.isEmpty()) {
            session.out().warn(NodeSet.fromNames(insecure) + ": Redfish certificate not checked (bmc.insecure)");
        }
    }

    private static String required(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new UsageException(message);
        }
        return value;
    }

    private BmcEngine.Progress progress(NodeSet target) {
        Output out = session.out();
        return (done, total) -> out.progress(done + "/" + total + " BMCs");
    }

    private BmcSettings settings() {
        return SessionBmc.settings(session);
    }

    private BmcEngine engine(BmcSettings settings) {
        return new BmcEngine(SessionBmc.pool(session), settings.fanout());
    }

    private ConsoleEngine consoles() {
        BmcSettings settings = settings();
        BmcPool pool = SessionBmc.pool(session);
        return session.resource(ConsoleEngine.class,
                () -> new ConsoleEngine(pool.backend(), settings.logDir(), Clock.systemUTC()));
    }

    private BmcEngine.Credentials credentials() {
        return SessionBmc.credentials(session);
    }
}
