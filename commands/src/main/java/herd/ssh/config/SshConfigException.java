package herd.ssh.config;

/**
 * A line of an OpenSSH client configuration herd cannot follow, or a host it cannot resolve:
 * {@code "FILE:LINE: message"} or {@code "NODE: ProxyJump loop via HOST"}.
 */
public class SshConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public SshConfigException(String message) {
        super(message);
    }
}
