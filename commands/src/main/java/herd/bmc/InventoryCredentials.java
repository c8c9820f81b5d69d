package herd.bmc;

import herd.inventory.Inventory;
import herd.session.SecretStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials from the inventory's layered {@code bmc:} keys, passwords through the session's
 * {@link SecretStore} (one prompt per user and session when the reference is {@code prompt}).
 *
 * <pre>{@code
 * var credentials = new InventoryCredentials(session.inventory(), secrets, session.out()::askSecret);
 * }</pre>
 * A password is resolved once per reference and user for the life of the object (one command):
 * a secrets file is then read once, not once per node.
 */
public final class InventoryCredentials implements BmcEngine.Credentials {

    private final Inventory inventory;
    private final SecretStore secrets;
    private final SecretStore.Prompter prompter;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    public InventoryCredentials(Inventory inventory, SecretStore secrets, SecretStore.Prompter prompter) {
        this.inventory = inventory;
        this.secrets = secrets;
        this.prompter = prompter;
    }

    @Override
    public BmcEndpoint endpoint(String node) {
        inventory.require(node);
        return BmcEndpoint.of(node, inventory.bmc(node));
    }

    @Override
    public String password(BmcEndpoint endpoint) {
        return passwords.computeIfAbsent(endpoint.passwordRef() + "\0" + endpoint.user(),
                key -> secrets.resolve(endpoint.passwordRef(), "BMC password of " + endpoint.user(), prompter));
    }
}
