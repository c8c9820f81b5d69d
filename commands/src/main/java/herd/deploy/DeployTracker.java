package herd.deploy;

import herd.hostkeys.HostKey;
import herd.hostkeys.HostkeysException;
import herd.logs.LogEvent;
import herd.logs.TaggedLine;
import herd.pxe.InstallContext;
import herd.pxe.PxeLayout;
import herd.pxe.PxeRenderEngine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage machine of a deployment, driven by tagged log lines: DHCP offer/ack, the iPXE binary
 * over TFTP, boot.ipxe, the node file, kernel, initrd, installer config, installing, the
 * completion callback, the reboot and SSH. Nodes stuck in a stage past its timeout and nodes
 * starting a second install are reported. The host keys a node's callback carries are taken only
 * from the node's own address, inside its deploy window (it fetched its installer config in this
 * deployment and has not reported keys since), once; any other report is refused, and its callback
 * proves nothing. Thread-safe: lines, SSH probes and timeout checks may come from different threads.
 * <pre>{@code
 * DeployTracker t = new DeployTracker(DeployTimeouts.defaults(), e -> System.out.println(e));
 * t.track("valkyrie01", "10.10.3.1", ChainPaths.of("valkyrie01", profile), clock.instant());
 * followJob feeds t.accept(line, clock.instant()); a timer calls t.checkTimeouts(clock.instant());
 * }</pre>
 */
public final class DeployTracker {

    private static final int EVENT_TEXT = 160;

    private final DeployTimeouts timeouts;
    private final DeployListener listener;
    private final Map<String, State> nodes = new LinkedHashMap<>();

    private static final class State {
        final String ip;
        final ChainPaths paths;
        final Instant started;
        Stage stage = Stage.WAITING;
        Instant stageSince;
        Instant lastActivity;
        String lastEvent = "none since power cycle";
        boolean stuckReported;
        int reinstalls;
        String failure = "";
        final java.util.EnumSet<Stage> seen = java.util.EnumSet.noneOf(Stage.class);
        /** Open from the installer config's fetch to the first host key report. */
        boolean keyWindow;
        boolean keysReported;
        String hostKeys = "";
        final Map<Stage, Instant> reached = new java.util.EnumMap<>(Stage.class);

        State(String ip, ChainPaths paths, Instant started) {
            this.ip = ip;
            this.paths = paths;
            this.started = started;
            this.stageSince = started;
            this.lastActivity = started;
        }
    }

    public DeployTracker(DeployTimeouts timeouts, DeployListener listener) {
        this.timeouts = timeouts;
        this.listener = listener;
    }

    /** Starts tracking a node (just power-cycled into PXE, at address {@code ip}) from {@code now}. */
    public synchronized void track(String node, String ip, ChainPaths paths, Instant now) {
        nodes.put(node, new State(ip, paths, now));
    }

    /** What became of the node's host keys, for the table ({@code learned ED25519 SHA256:...}). */
    public synchronized void hostKeys(String node, String outcome) {
        State s = nodes.get(node);
        if (s != null) {
            s.hostKeys = outcome;
        }
    }

    /**
     * Feeds one tagged line; lines of untracked or untagged nodes are ignored, except callbacks
     * carrying host keys: those are taken or refused here, whoever sent them.
     */
    public synchronized void accept(TaggedLine line, Instant now) {
        boolean refused = line.event() instanceof LogEvent.Http h && isCallback(h.path())
                && !hostKeys(line, h, now);
        State s = line.node().map(nodes::get).orElse(null);
        if (s == null) {
            return;
        }
        String node = line.node().get();
        String text = abbreviate(line.line().message());
        s.lastEvent = text;
        s.lastActivity = now;
        if (refused || line.event() instanceof LogEvent.Http h && isCallback(h.path()) && !h.clientIp().equals(s.ip)) {
            return;   // a refused report, or a callback from another address, proves no install
        }
        Optional<Stage> proven = stageOf(line.event(), s);
        if (proven.isEmpty()) {
            return;
        }
        Stage next = proven.get();
        if (line.event() instanceof LogEvent.Http h && h.status() >= 400 && s.paths.stageOf(h.path()).isPresent()) {
            // iPXE and installers stop at a refused chain file (an optional installer file may 404: not those).
            if (s.failure.isEmpty()) {
                s.failure = text;
                listener.on(new DeployEvent.Failed(node, next, now, text));
            }
            return;
        }
        s.failure = "";
        boolean installed = s.stage.compareTo(Stage.INSTALL_FINISHED) >= 0;
        if (installed && next.installStep()) {
            s.reinstalls++;
            s.seen.clear();
            s.reached.clear();
            listener.on(new DeployEvent.ReinstallDetected(node, now, text));
            move(node, s, next, now, text);
        } else if (installed && next.compareTo(Stage.INSTALL_FINISHED) < 0) {
            if (s.stage.compareTo(Stage.REBOOTED) < 0) {
                move(node, s, Stage.REBOOTED, now, text);
            }
        } else if (next.compareTo(s.stage) > 0) {
            move(node, s, next, now, text);
        } else if (s.seen.add(next)) {
            // Two logs are read by two tails: a DHCP line can arrive after the first HTTP ones.
            // The stage is still proven; report it without moving back.
            listener.on(new DeployEvent.StageReached(node, next, now, text));
        }
    }

    /**
     * The node answered on SSH after its install, and is known to have rebooted since (a reboot log
     * line, or its sshd seen down): ssh-up, and rebooted first when no log line has said so yet.
     */
    public synchronized void sshUp(String node, Instant now) {
        State s = nodes.get(node);
        if (s != null && s.stage.compareTo(Stage.INSTALL_FINISHED) >= 0 && s.stage != Stage.SSH_UP) {
            if (s.stage.compareTo(Stage.REBOOTED) < 0) {
                move(node, s, Stage.REBOOTED, now, "ssh went away after the install and came back");
            }
            s.lastEvent = "ssh answered";
            move(node, s, Stage.SSH_UP, now, "ssh answered");
        }
    }

    /** Reports (once per stage) every node that made no progress within its stage's timeout. */
    public synchronized List<DeployEvent.Stuck> checkTimeouts(Instant now) {
        List<DeployEvent.Stuck> stuck = new ArrayList<>();
        nodes.forEach((node, s) -> {
            Instant since = s.stage == Stage.INSTALLING ? s.lastActivity : s.stageSince;
            Duration waited = Duration.between(since, now);
            if (s.stage != Stage.SSH_UP && !s.stuckReported && waited.compareTo(timeouts.of(s.stage)) > 0) {
                s.stuckReported = true;
                DeployEvent.Stuck e = new DeployEvent.Stuck(node, s.stage, waited, s.lastEvent);
                stuck.add(e);
                listener.on(e);
            }
        });
        return stuck;
    }

    /** One row per tracked node, in tracking order. */
    public synchronized List<NodeProgress> progress() {
        List<NodeProgress> rows = new ArrayList<>();
        nodes.forEach((node, s) -> rows.add(new NodeProgress(node, s.stage, s.started, s.stageSince, s.lastEvent,
                s.stuckReported, s.reinstalls, s.reached, s.failure, s.hostKeys)));
        return rows;
    }

    /** True when every tracked node is at ssh-up or {@linkplain NodeProgress#needsPerson() needs a person}. */
    public boolean settled() {
        return progress().stream().allMatch(p -> p.done() || p.needsPerson());
    }

    /** True when every tracked node is at ssh-up. */
    public synchronized boolean allDone() {
        return nodes.values().stream().allMatch(s -> s.stage == Stage.SSH_UP);
    }

    private Optional<Stage> stageOf(LogEvent event, State s) {
        if (event instanceof LogEvent.Dhcp d) {
            return switch (d.kind()) {
                case OFFER -> Optional.of(Stage.DHCP_OFFERED);
                case ACK -> Optional.of(Stage.DHCP_ACKED);
                // The installed system asking for an address again is the first sign of the reboot.
                case DISCOVER, REQUEST -> s.stage.compareTo(Stage.INSTALL_FINISHED) >= 0
                        && d.detail().isEmpty() ? Optional.of(Stage.DHCP_OFFERED) : Optional.empty();
                default -> Optional.empty();
            };
        }
        if (event instanceof LogEvent.Tftp t) {
            return PxeRenderEngine.IPXE_BINARIES.contains(t.file()) ? Optional.of(Stage.IPXE_BINARY) : Optional.empty();
        }
        if (event instanceof LogEvent.Http h) {
            Optional<Stage> stage = s.paths.stageOf(h.path());
            if (stage.isEmpty() && (s.stage == Stage.INSTALLER_CONFIG || s.stage == Stage.INSTALLING)) {
                return Optional.of(Stage.INSTALLING);
            }
            return stage;
        }
        return Optional.empty();
    }

    private static boolean isCallback(String path) {
        return path.replaceFirst("[?#].*", "").equals("/" + PxeLayout.CALLBACK);
    }

    /**
     * The host keys of a callback, if it carries any: reported when they come from a tracked node's
     * own address inside its window; else refused. False when refused.
     */
    private boolean hostKeys(TaggedLine line, LogEvent.Http h, Instant now) {
        List<String> texts = keyParameters(h.path());
        Map.Entry<String, State> owner = nodes.entrySet().stream().filter(e -> e.getValue().ip.equals(h.clientIp()))
                .findFirst().orElse(null);
        String claimed = line.node().orElse("");
        if (texts.isEmpty()) {
            if (owner != null && owner.getValue().keyWindow) {
                owner.getValue().keyWindow = false;
                listener.on(new DeployEvent.Problem(owner.getKey(), "its install-finished callback carried no host key"
                        + " (a config rendered before herd learned keys from deploys?): known_hosts keeps its old key,"
                        + " and its new one will be refused; check it on its console, then 'hostkeys forget "
                        + owner.getKey() + "'"));
            }
            return true;
        }
        String why = refusal(owner, claimed, h.clientIp());
        List<HostKey> keys = new ArrayList<>();
        for (String t : texts) {
            try {
                keys.add(HostKey.parse(t));
            } catch (HostkeysException e) {
                why = why != null ? why : e.getMessage();
            }
        }
        String node = owner != null ? owner.getKey() : claimed;
        if (why != null) {
            if (owner != null && !owner.getValue().keysReported) {
                owner.getValue().hostKeys = "refused";   // a refused forgery does not undo what was learned
            }
            listener.on(new DeployEvent.HostKeysRefused(node, h.clientIp(), why, now));
            return false;
        }
        State s = owner.getValue();
        s.keyWindow = false;
        s.keysReported = true;
        listener.on(new DeployEvent.HostKeysReported(node, List.copyOf(keys), now));
        return true;
    }

    /** Why a report from {@code address} cannot be taken (null: it can), by the rules above. */
    private String refusal(Map.Entry<String, State> owner, String claimed, String address) {
        if (owner == null) {
            State other = nodes.get(claimed);
            return "it came from " + address + ", which is not the address of a node in this deployment"
                    + (other != null ? " (" + claimed + " is " + other.ip + ")" : "");
        }
        if (!owner.getValue().keyWindow) {
            return owner.getValue().keysReported ? "a second report for the same install (the first was taken)"
                    : "it came before " + owner.getKey() + " fetched its installer config in this deployment";
        }
        return null;
    }

    /** The {@code key=} values of a callback URL, decoded: "TYPE BASE64" each. */
    private static List<String> keyParameters(String path) {
        int q = path.indexOf('?');
        List<String> keys = new ArrayList<>();
        if (q < 0) {
            return keys;
        }
        for (String p : path.substring(q + 1).split("&")) {
            if (p.startsWith(InstallContext.KEY_PARAMETER + "=")) {
                try {
                    keys.add(URLDecoder.decode(p.substring(InstallContext.KEY_PARAMETER.length() + 1),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    keys.add(p);   // refused by the key parser, with the text shown
                }
            }
        }
        return keys;
    }

    private void move(String node, State s, Stage next, Instant now, String evidence) {
        if (next == Stage.INSTALLER_CONFIG) {
            s.keyWindow = true;   // every install (a reinstall too) makes new keys
            s.keysReported = false;
        }
        s.stage = next;
        s.seen.add(next);
        s.reached.put(next, now);
        s.stageSince = now;
        s.stuckReported = false;
        listener.on(new DeployEvent.StageReached(node, next, now, evidence));
    }

    private static String abbreviate(String text) {
        return text.length() > EVENT_TEXT ? text.substring(0, EVENT_TEXT - 3) + "..." : text;
    }
}
