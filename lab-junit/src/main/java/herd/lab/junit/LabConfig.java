package herd.lab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one lab for the annotated test class (before all its tests) and tears it down after
 * them, whatever happens; tests get it as a {@link herd.lab.Lab} parameter or field.
 *
 * <pre>{@code
 * @LabConfig(nodes = 4, bmc = true)
 * class PowerTest {
 *     @Test void off(Lab lab) { ... lab.node("valkyrie01").bmcPort() ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LabExtension.class)
public @interface LabConfig {
    /** Compute nodes valkyrie01..NN. */
    int nodes() default 4;

    /** Extra nodes among odin, thor, heimdall. */
    String[] extras() default {};

    /** One ipmi_sim BMC with a SOL console per node. */
    boolean bmc() default false;

    /** A named serving the lab's zones. */
    boolean dns() default false;

    /** Zones accept TSIG dynamic updates; false = static zones (edit, rndc reload). */
    boolean dnsDynamic() default true;

    /** A dhcpd in a network namespace, reachable by {@code Lab.dhcpRequest}. */
    boolean dhcp() default false;

    /** Each BMC also serves Redfish over HTTPS ({@code Lab.redfishUrl}); needs {@link #bmc()}. */
    boolean redfish() default false;
}
