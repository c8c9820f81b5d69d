package herd.deploy;

import java.util.List;

/**
 * What deploy asks of the nodes' BMCs: next boot from the network then power cycle (or power on),
 * and, once installed, boot from disk. {@link BmcBootControl} does it over IPMI.
 */
public interface BootControl {

    /** Sets a one-time PXE boot and power-cycles the nodes (powers on those that are off). */
    void pxeAndCycle(List<String> nodes);

    /** Sets the node's next boot to disk. */
    void disk(String node);
}
