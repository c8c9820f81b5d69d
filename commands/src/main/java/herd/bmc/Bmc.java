package herd.bmc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One logged-in session with one node's BMC, whatever the protocol behind it (IPMI or Redfish).
 * Calls block until the BMC answers or the back end's timeout passes; a session is used by one
 * thread at a time.
 *
 * <pre>{@code
 * try (Bmc bmc = backend.login(endpoint, password)) {
 *     if (bmc.powerState() == PowerState.OFF) bmc.power(PowerAction.ON);
 * }
 * }</pre>
 */
public interface Bmc extends AutoCloseable {

    PowerState powerState();

    /** Sends a power action other than STATUS; returns once the BMC accepted it. */
    void power(PowerAction action);

    void setBoot(BootSetting setting);

    BootSetting boot();

    /** Model, serial, firmware versions, health and power, for {@code bmc info}. */
    default BmcFacts facts() {
        throw new BmcException(getClass().getSimpleName(), "this BMC protocol gives no facts", herd.session.Reason.FAILED, null);
    }

    /*
     * The same operations without a thread waiting on each BMC, where the protocol can (IPMI: the
     * answer completes the future on the socket's reader thread). By default they run the blocking
     * call on {@code blocking}, a fan-out worker.
     */

    default CompletableFuture<PowerState> powerStateAsync(Executor blocking) {
        return CompletableFuture.supplyAsync(this::powerState, blocking);
    }

    default CompletableFuture<Void> powerAsync(PowerAction action, Executor blocking) {
        return CompletableFuture.runAsync(() -> power(action), blocking);
    }

    default CompletableFuture<Void> setBootAsync(BootSetting setting, Executor blocking) {
        return CompletableFuture.runAsync(() -> setBoot(setting), blocking);
    }

    default CompletableFuture<BootSetting> bootAsync(Executor blocking) {
        return CompletableFuture.supplyAsync(this::boot, blocking);
    }

    /** Logs out and frees everything the session holds. Never throws. */
    @Override
    void close();
}
