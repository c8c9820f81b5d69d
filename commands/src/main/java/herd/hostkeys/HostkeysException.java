package herd.hostkeys;

import herd.error.HerdException;

/** A host key or known_hosts problem, one line naming the object and what is wrong with it. */
public class HostkeysException extends HerdException {

    public HostkeysException(String message) {
        super(message);
    }
}
