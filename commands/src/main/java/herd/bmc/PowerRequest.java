package herd.bmc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code power ACTION NODES [--wait]}: {@code new PowerRequest(nodes, PowerAction.ON, true, Duration.ofMinutes(2))}.
 *
 * @param nodes       node names, in the order results are wanted
 * @param action      what to do
 * @param waitForState after the action, poll until the target state is reached
 * @param waitTimeout how long {@code wait} may take per node
 */
public record PowerRequest(List<String> nodes, PowerAction action, boolean waitForState, Duration waitTimeout) {

    public PowerRequest {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(waitTimeout, "waitTimeout");
    }
}
