package herd.lab;

import java.time.Instant;
import java.util.Optional;

/**
 * A fault planted in a lab.
 *
 * @param target the node it is planted on, or {@link #LAB} for a service fault
 * @param kind   what is broken
 * @param since  when it was planted
 * @param until  when it clears itself ({@code --for}), if ever
 */
public record Fault(String target, FaultKind kind, Instant since, Optional<Instant> until) {
    /** Target of the faults of the lab's services (dhcpd, named). */
    public static final String LAB = "lab";
}
