package herd.deploy;

import java.util.List;

/**
 * What deploy asks of the nodes' BMCs: next boot from the network then power cycle (or power on),
 * and, once installed, boot from disk. {@link BmcBootControl} does it over IPMI.
 */
public interface BootControl {

    /** Sets a one-time PXE boot and power-cycles the nodes (powers on those that are off). */
    void pxeAndCycle(List<String> nodes);

    /** Sets the nodes' next boot to disk (all the nodes whose install just finished, at once). */
    void disk(List<String> nodes);
}
