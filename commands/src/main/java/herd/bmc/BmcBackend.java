package herd.bmc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * A BMC protocol: logs in to BMCs and opens their serial consoles. {@link IpmiBackend} is IPMI 2.0
 * lanplus; a Redfish back end implements the same two verbs.
 *
 * <pre>{@code
 * try (BmcBackend ipmi = new IpmiBackend(Duration.ofSeconds(2))) {
 *     try (Bmc bmc = ipmi.login(endpoint, password)) { bmc.powerState(); }
 * }
 * }</pre>
 */
public interface BmcBackend extends AutoCloseable {

    /** Opens a session; throws {@link BmcException} with reason UNREACHABLE or AUTH_REFUSED when it cannot. */
    Bmc login(BmcEndpoint endpoint, String password);

    /** {@link #login} without a thread waiting, where the protocol can; by default on {@code blocking}. */
    default CompletableFuture<Bmc> loginAsync(BmcEndpoint endpoint, String password, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> login(endpoint, password), blocking);
    }

    /**
     * Opens the node's serial console. When it is active elsewhere, {@code force} deactivates the
     * other session first; without it that is an error.
     */
    BmcConsole console(BmcEndpoint endpoint, String password, boolean force);

    /** Threads for work that calls the back end (fan-out workers), so that it can account for them. */
    ThreadFactory threadFactory(String prefix);

    /** The deadline of one request to a BMC. */
    Duration timeout();

    /** Closes every session and stops every thread the back end started. */
    @Override
    void close();
}
