package herd.bmc;

import herd.session.SecretStore;
import herd.session.Session;
import java.time.Duration;

/**
 * The session's BMC side, built in this one place for every family that talks to BMCs (power,
 * bootdev, console, deploy): one pool of logged-in BMC sessions over IPMI and Redfish, and the
 * inventory's credentials.
 *
 * <pre>{@code
 * BmcEngine engine = new BmcEngine(SessionBmc.pool(session), SessionBmc.settings(session).fanout());
 * engine.power(request, SessionBmc.credentials(session), session.cancellation(), progress);
 * }</pre>
 */
public final class SessionBmc {
    /** How long an unused BMC session stays logged in. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    private SessionBmc() {
    }

    /** The session variables' BMC settings ({@code set bmc_timeout 10}). */
    public static BmcSettings settings(Session session) {
        return BmcSettings.from(session.variables(), System.getenv());
    }

    /** The session's pool, made on first use with the request deadline of that moment's settings. */
    public static BmcPool pool(Session session) {
        BmcSettings settings = settings(session);
        return session.resource(BmcPool.class,
                () -> new BmcPool(new MixedBackend(new IpmiBackend(settings.timeout()),
                        new RedfishBackend(settings.timeout())), KEEP_ALIVE));
    }

    /** The inventory's BMC users and passwords, asked on the terminal where the inventory says prompt. */
    public static BmcEngine.Credentials credentials(Session session) {
        SecretStore secrets = session.resource(SecretStore.class, () -> new SecretStore(System.getenv()));
        return new InventoryCredentials(session.inventory(), secrets, prompt -> session.out().askSecret(prompt));
    }
}
