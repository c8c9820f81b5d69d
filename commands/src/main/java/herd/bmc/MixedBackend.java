package herd.bmc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * IPMI and Redfish BMCs behind one back end, each node by its endpoint: power and bootdev go to
 * Redfish where the inventory says {@code bmc.protocol: redfish}, else to IPMI; the console is
 * always IPMI SOL (Redfish has no standard serial console).
 *
 * <pre>{@code
 * BmcBackend bmcs = new MixedBackend(new IpmiBackend(timeout), new RedfishBackend(timeout));
 * }</pre>
 */
public final class MixedBackend implements BmcBackend {

    private final BmcBackend ipmi;
    private final BmcBackend redfish;

    public MixedBackend(BmcBackend ipmi, BmcBackend redfish) {
        this.ipmi = ipmi;
        this.redfish = redfish;
    }

    @Override
    public Bmc login(BmcEndpoint endpoint, String password) {
        return (endpoint.redfish() != null ? redfish : ipmi).login(endpoint, password);
    }

    @Override
    public CompletableFuture<Bmc> loginAsync(BmcEndpoint endpoint, String password, Executor blocking) {
        return (endpoint.redfish() != null ? redfish : ipmi).loginAsync(endpoint, password, blocking);
    }

    @Override
    public BmcConsole console(BmcEndpoint endpoint, String password, boolean force) {
        return ipmi.console(endpoint, password, force);
    }

    /** IPMI's threads, where the fan-out workers are counted (see IpmiBackend#liveThreads). */
    @Override
    public ThreadFactory threadFactory(String prefix) {
        return ipmi.threadFactory(prefix);
    }

    @Override
    public Duration timeout() {
        return ipmi.timeout();
    }

    @Override
    public void close() {
        try {
            redfish.close();
        } finally {
            ipmi.close();
        }
    }
}
