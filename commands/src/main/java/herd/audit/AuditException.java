package herd.audit;

import herd.error.HerdException;

/** The audit log cannot be written or read. */
public class AuditException extends HerdException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }
}
