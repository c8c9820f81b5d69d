package herd.bmc;

import herd.inventory.Inventory;
import herd.session.SecretStore;

/**
 * Credentials from the inventory's layered {@code bmc:} keys, passwords through the session's
 * {@link SecretStore} (one prompt per user and session when the reference is {@code prompt}).
 *
 * <pre>{@code
 * var credentials = new InventoryCredentials(session.inventory(), secrets, session.out()::askSecret);
 * }</pre>
 */
public final class InventoryCredentials implements BmcEngine.Credentials {

    private final Inventory inventory;
    private final SecretStore secrets;
    private final SecretStore.Prompter prompter;

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
        return secrets.resolve(endpoint.passwordRef(), "BMC password of " + endpoint.user(), prompter);
    }
}
