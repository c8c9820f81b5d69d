package herd.deploy;

import herd.session.HerdException;

/**
 * A deploy, profile or PXE tree problem, as one line naming the object and the problem
 * (with {@code file:line} where a file is involved): {@code profiles.yaml:7: profile el9: unknown os 'centos'}.
 */
public class DeployException extends HerdException {

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
