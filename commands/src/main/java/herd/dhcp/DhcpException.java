package herd.dhcp;

import herd.error.HerdException;
/** A refused DHCP request (bad MAC, unknown or duplicate host, failed restart): one line. */
public class DhcpException extends HerdException {
    private static final long serialVersionUID = 1L;

    public DhcpException(String message) {
        super(message);
    }
}
