package herd.deploy;

import herd.hostkeys.HostKeyPlace;
import herd.hostkeys.HostkeysInventory;
import herd.inventory.Inventory;
import herd.logs.FollowEngine;
import herd.logs.LogsInventory;
import herd.logs.NodeTagger;
import herd.nodeset.NodeSet;
import herd.pxe.DeployProfile;
import herd.pxe.PxeInventory;
import herd.pxe.PxeNode;
import herd.pxe.PxeRenderEngine;
import herd.pxe.PxeRenderRequest;
import herd.pxe.PxeRenderResult;
import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploys nodes over PXE: renders their iPXE files (armed for install), then starts a
 * {@link DeployJob} that sets PXE boot and power-cycles them through {@link BootControl} and
 * follows them through every stage from the servers' logs. The host keys each node's install
 * reports in its callback replace the node's entries in known_hosts (see {@link DeployTracker} for
 * which reports are taken).
 * <pre>{@code
 * DeployJob job = new DeployEngine(tagger).start(request, new BmcBootControl(bmc, credentials), e -> print(e));
 * job.await(Duration.ofMinutes(30));
 * job.progress();   // one NodeProgress per node
 * }</pre>
 */
public final class DeployEngine {

    private final NodeTagger tagger;
    private final Clock clock;

    public DeployEngine(NodeTagger tagger) {
        this(tagger, Clock.systemDefaultZone());
    }

    public DeployEngine(NodeTagger tagger, Clock clock) {
        this.tagger = tagger;
        this.clock = clock;
    }

    /**
     * What deploying {@code target} means by the inventory: each node's profile, address and MAC
     * (checked here, before anything changes), the PXE roots, the logs to follow, the SSH addresses.
     */
    public static DeployRequest plan(Inventory inv, NodeSet target, String profile, Duration overall) {
        Map<String, DeployProfile> profiles = PxeInventory.profiles(inv);
        List<PxeNode> pxe = PxeInventory.pxeNodes(inv, target, profiles, profile);
        return new DeployRequest(pxe, profiles, PxeInventory.httpRoot(inv), PxeInventory.tftpRoot(inv),
                LogsInventory.defaultSources(inv), DeploySsh.addresses(inv, pxe), hostKeys(inv, pxe),
                DeployTimeouts.defaults(), overall);
    }

    /** Where each node's host keys are pinned (the inventory's known_hosts), for its install's report. */
    public static Map<String, HostKeyPlace> hostKeys(Inventory inv, List<PxeNode> nodes) {
        return nodes.stream().collect(Collectors.toMap(PxeNode::name, n -> HostkeysInventory.place(inv, n.name())));
    }

    /**
     * A deployment as outcomes: ssh-up is ok; a node that needs a person times out with its
     * {@linkplain NodeProgress#outcome() outcome} ("stuck at installing", "reinstall loop", "failed at
     * kernel"), the stuck ones also in group {@code stuck}; any other node short of ssh-up timed out, or was
     * stopped there.
     */
    public static OutcomeSet outcomes(List<NodeProgress> progress, boolean pastDeadline) {
        OutcomeSet set = OutcomeSet.of(progress.stream().map(p -> p.done() ? NodeOutcome.exited(p.node(), 0)
                : p.needsPerson() ? NodeOutcome.without(p.node(), Reason.TIMED_OUT, p.outcome())
                : pastDeadline ? NodeOutcome.without(p.node(), Reason.TIMED_OUT, "timed out at " + p.stage().label())
                : NodeOutcome.without(p.node(), Reason.CANCELLED, "stopped at " + p.stage().label())).toList());
        return set.withGroup("stuck", progress.stream().filter(p -> p.outcome().startsWith("stuck ")).map(NodeProgress::node)
                .toList());
    }

    /** Renders the PXE tree for the nodes (errors are thrown here, before any power action), then starts the job. */
    public DeployJob start(DeployRequest request, BootControl boot, DeployListener listener) {
        if (request.logs().isEmpty()) {
            throw new DeployException("deploy: no log to follow (set services.dhcp-log and services.http-log)");
        }
        Set<String> names = request.nodes().stream().map(PxeNode::name).collect(Collectors.toSet());
        boolean certificates = request.hostKeys().values().stream().anyMatch(p -> p.ca().isPresent());
        PxeRenderResult rendered = new PxeRenderEngine().render(new PxeRenderRequest(request.httpRoot(),
                request.tftpRoot(), request.nodes(), request.profiles(), names, false, certificates));
        rendered.warnings().forEach(w -> listener.on(new DeployEvent.Problem("", w)));
        DeployJob job = new DeployJob(request, boot, new FollowEngine(tagger, clock), clock, listener);
        job.start();
        return job;
    }
}
