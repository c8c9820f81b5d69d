package herd.pxe;

import herd.error.HerdException;

/**
 * A profile or PXE tree problem, as one line naming the object and the problem (with
 * {@code file:line} where a file is involved): {@code profiles.yaml:7: profile el9: unknown os 'centos'}.
 */
public class PxeException extends HerdException {

    public PxeException(String message) {
        super(message);
    }

    public PxeException(String message, Throwable cause) {
        super(message, cause);
    }
}
