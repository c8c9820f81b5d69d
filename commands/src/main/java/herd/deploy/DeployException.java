package herd.deploy;

import herd.error.HerdException;

/**
 * A deployment that cannot start or go on, as one line naming the node and the problem:
 * {@code valkyrie03: set boot device: BMC refused the login}.
 */
public class DeployException extends HerdException {

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
