package herd.copy;

import herd.session.NodeOutcome;
import herd.session.OutcomeSet;
import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Pushes files to many nodes or pulls them from many nodes, over SFTP on the session's pooled
 * connections, recursively, verifying every file's size afterwards. Pulled copies are saved as
 * {@code NAME.NODE} in the local directory (clush --rcopy). Interrupting the caller cancels.
 *
 * <pre>{@code
 * CopyResult r = new CopyEngine(pool).run(CopyRequest.push(targets, List.of("conf.d"), "/etc"), e -> { });
 * r.outcomes().failures();   // {"size mismatch: /etc/conf.d/a (local 10, remote 0)" -> [n3]}
 * }</pre>
 */
public final class CopyEngine {

    private final ConnectionPool pool;

    public CopyEngine(ConnectionPool pool) {
        this.pool = pool;
    }

    public CopyResult run(CopyRequest request, CopyListener listener) {
        if (request.direction() == CopyRequest.Direction.PUSH) {
            for (String src : request.sources()) {
                if (!Files.exists(Path.of(src))) {
                    throw new CopyException("copy: " + src + ": no such file or directory");
                }
            }
        } else {
            // Once here, not once per node as a folded failure: the problem is this machine's.
            try {
                Files.createDirectories(Path.of(request.dest()));
            } catch (IOException e) {
                throw new CopyException("rcopy: --dest " + request.dest() + ": cannot create the directory: " + NodeCopy.reason(e));
            }
        }
        long start = System.nanoTime();
        Map<String, NodeOutcome> outcomes = new ConcurrentHashMap<>();
        Map<String, Long> bytes = new ConcurrentHashMap<>();
        CopyListener serial = event -> {
            synchronized (outcomes) {
                listener.on(event);
            }
        };
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(request.fanout(),
                Math.max(1, request.targets().size())), r -> {
                    Thread t = new Thread(r, "herd-copy");
                    t.setDaemon(true);
                    return t;
                });
        for (SshTarget t : request.targets()) {
            workers.execute(() -> {
                NodeCopy copy = new NodeCopy(pool, request, t, serial);
                NodeOutcome o = copy.run();
                bytes.put(t.node(), copy.bytes());
                outcomes.put(t.node(), o);
                serial.on(new CopyEvent.Finished(o));
            });
        }
        workers.shutdown();
        try {
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        List<NodeOutcome> list = new ArrayList<>();
        for (SshTarget t : request.targets()) {
            list.add(outcomes.getOrDefault(t.node(), NodeOutcome.without(t.node(), Reason.CANCELLED, "cancelled")));
        }
        return new CopyResult(OutcomeSet.of(list), bytes, Duration.ofNanos(System.nanoTime() - start));
    }
}
