package herd.deploy;

import herd.hostkeys.HostKeyPlace;
import herd.hostkeys.HostkeysEngine;
import herd.logs.FollowEngine;
import herd.logs.FollowEvent;
import herd.logs.FollowJob;
import herd.logs.FollowRequest;
import herd.pxe.PxeNode;
import herd.pxe.PxeRenderEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running deployment: its own thread follows the logs into the tracker, probes SSH once a
 * node's install finished, switches installed nodes to local boot and disk, and reports stuck
 * nodes. It outlives the command that started it ({@code --follow} can detach); {@link #stop()}
 * ends it. Start one with {@link DeployEngine#start}. The listener is called from the job's
 * threads (log follower and job), so it must be thread-safe.
 */
public final class DeployJob {

    private static final Duration TICK = Duration.ofMillis(250);
    /** SSH probes at once: enough for a rack rebooting together, few enough for a small machine. */
    private static final int PROBES = 32;

    private final DeployRequest request;
    private final BootControl boot;
    private final FollowEngine follow;
    private final Clock clock;
    private final DeployListener listener;
    private final DeployTracker tracker;
    private final LinkedBlockingQueue<String> installed = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<DeployEvent.HostKeysReported> reported = new LinkedBlockingQueue<>();
    private final List<String> problems = new ArrayList<>();
    private final java.util.Set<String> sshDown = new java.util.HashSet<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Instant deadline = Instant.MAX;

    DeployJob(DeployRequest request, BootControl boot, FollowEngine follow, Clock clock, DeployListener listener) {
        this.request = request;
        this.boot = boot;
        this.follow = follow;
        this.clock = clock;
        this.listener = listener;
        this.tracker = new DeployTracker(request.timeouts(), this::event);
        this.thread = new Thread(this::run, "herd-deploy");
        this.thread.setDaemon(true);
    }

    void start() {
        Instant now = clock.instant();
        deadline = now.plus(request.overall());
        for (PxeNode n : request.nodes()) {
            tracker.track(n.name(), n.ip(), ChainPaths.of(n.name(), request.profiles().get(n.profile())), now);
        }
        thread.start();
    }

    /** The table rows: one per node. */
    public List<NodeProgress> progress() {
        return tracker.progress();
    }

    public boolean running() {
        return thread.isAlive();
    }

    /** Problems met on the way (a BMC that refused disk boot, a log source that failed). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** True when every node reached ssh-up or needs a person (stuck, failed, reinstalling). */
    public boolean settled() {
        return tracker.settled();
    }

    /** True when every node reached ssh-up. */
    public boolean succeeded() {
        return tracker.allDone();
    }

    /** When the deployment gives up on the nodes short of ssh-up ({@code --timeout} after the start). */
    public Instant deadline() {
        return deadline;
    }

    public boolean await(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    public void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void event(DeployEvent e) {
        if (e instanceof DeployEvent.StageReached r && r.stage() == Stage.INSTALL_FINISHED) {
            installed.add(r.node());
        } else if (e instanceof DeployEvent.HostKeysReported k) {
            reported.add(k);
        }
        listener.on(e);
    }

    private void run() {
        FollowJob logs = follow.start(FollowRequest.of(request.logs()), e -> {
            if (e instanceof FollowEvent.Line l) {
                tracker.accept(l.line(), clock.instant());
            } else if (e instanceof FollowEvent.SourceFailed f) {
                problem(f.source() + ": " + f.message());
            }
        });
        ExecutorService probes = Executors.newFixedThreadPool(PROBES, r -> {
            Thread t = new Thread(r, "herd-deploy-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            boot.pxeAndCycle(request.nodes().stream().map(PxeNode::name).toList());
            while (!stopped && !tracker.allDone() && clock.instant().isBefore(deadline)) {
                // Keys first: they are pinned before the node can be seen up and the deployment end.
                for (DeployEvent.HostKeysReported k = reported.poll(); k != null; k = reported.poll()) {
                    learn(k);
                }
                String node = installed.poll(TICK.toMillis(), TimeUnit.MILLISECONDS);
                if (node != null) {
                    // A rack finishes its installs together: every node waiting is switched now,
                    // before its reboot (one at a time, the last ones rebooted into PXE again).
                    List<String> batch = new ArrayList<>(List.of(node));
                    installed.drainTo(batch);
                    toLocalBoot(batch);
                }
                probeSsh(probes);
                tracker.checkTimeouts(clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problem(e.getMessage());
        } finally {
            probes.shutdownNow();
            logs.stop();
        }
    }

    private void learn(DeployEvent.HostKeysReported k) {
        HostKeyPlace place = request.hostKeys().get(k.node());
        if (place == null) {
            problem(k.node() + ": host keys reported, but no known_hosts to pin them in: nothing written");
            return;
        }
        try {
            HostkeysEngine engine = new HostkeysEngine();
            String backup = engine.learn(place, k.keys());
            if (place.ca().isPresent()) {
                // Published where the node's install polls for them; known_hosts trusts the CA for its names.
                engine.certify(place, k.keys(), request.httpRoot().resolve(herd.pxe.PxeLayout.HOST_CERTS));
            }
            DeployEvent.HostKeysLearned learned = new DeployEvent.HostKeysLearned(k.node(), k.keys(),
                    place.knownHosts().toString(), backup, place.ca().isPresent());
            tracker.hostKeys(k.node(), learned.summary());
            listener.on(learned);
        } catch (RuntimeException e) {
            tracker.hostKeys(k.node(), "not written");
            problem(k.node() + ": pinning its new host keys: " + e.getMessage());
        }
    }

    private void toLocalBoot(List<String> nodes) {
        List<String> switched = new ArrayList<>();
        for (String node : nodes) {
            try {
                new PxeRenderEngine().switchToLocalBoot(request.httpRoot(), node);
                switched.add(node);
            } catch (RuntimeException e) {
                problem(node + ": switching to local boot: " + e.getMessage());
            }
        }
        try {
            if (!switched.isEmpty()) {
                boot.disk(switched);
            }
        } catch (RuntimeException e) {
            problem(e.getMessage());
        }
    }

    /**
     * After the install, sshd answering proves the reboot only if the node was seen rebooting
     * (DHCP, PXE) or its sshd was seen down since the install finished: an sshd that never went
     * away is the installer's (or an old OS's), not the new system's. The nodes are probed side by
     * side: a rebooting node's address can take the whole timeout to refuse.
     */
    private void probeSsh(ExecutorService probes) throws InterruptedException {
        List<NodeProgress> waiting = new ArrayList<>();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (NodeProgress p : tracker.progress()) {
            if (p.stage().compareTo(Stage.INSTALL_FINISHED) < 0 || p.done() || !request.ssh().containsKey(p.node())) {
                sshDown.remove(p.node());
                continue;
            }
            waiting.add(p);
            calls.add(() -> SshProbe.answers(request.ssh().get(p.node()), 300));
        }
        List<Future<Boolean>> answers = probes.invokeAll(calls);
        for (int i = 0; i < waiting.size(); i++) {
            NodeProgress p = waiting.get(i);
            if (!answered(answers.get(i))) {
                sshDown.add(p.node());
            } else if (p.stage() == Stage.REBOOTED || sshDown.contains(p.node())) {
                tracker.sshUp(p.node(), clock.instant());
            }
        }
    }

    private static boolean answered(Future<Boolean> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return false;
        }
    }

    private void problem(String message) {
        synchronized (this) {
            problems.add(message);
        }
        listener.on(new DeployEvent.Problem("", message));
    }
}
