package herd.session;

import herd.error.HerdException;

/** The user pressed Ctrl-C: the command stopped early and kept what it had (status 130, as shells do). */
public class CancelledException extends HerdException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message, 130, null);
    }
}
