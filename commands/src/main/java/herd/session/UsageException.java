package herd.session;

import herd.error.HerdException;

/** The command line itself is wrong (unknown option, missing value, bad argument): status 2. */
public class UsageException extends HerdException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, 2, null);
    }
}
