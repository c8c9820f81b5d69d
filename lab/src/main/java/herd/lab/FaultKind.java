package herd.lab;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code herd lab fault} breaks. Each is real: a listener shut, processes stopped, a link
 * down, a process killed; none is a flag that herd reads.
 */
public enum FaultKind {
    SSHD_DOWN("sshd-down", true, "the node's SSH listeners refuse connections; the node runs and its BMC says on"),
    HANG("hang", true, "every process of the node is stopped (SIGSTOP): TCP connects, nothing answers"),
    NIC_DOWN("nic-down", true, "the node's cluster card is down (no DHCP, no port 22) and its SSH address drops new connections"),
    BMC_SILENT("bmc-silent", true, "the node's ipmi_sim is stopped (SIGSTOP): requests get no answer"),
    BMC_DEAD("bmc-dead", true, "the node's ipmi_sim is killed and the lab agent does not restart it"),
    BMC_PASSWORD("bmc-password", true, "the node's BMC has another admin password (Lab.bmcPassword(node) tells it)"),
    HOSTKEY_CHANGE("hostkey-change", true, "the node's SSH host key is a new one (as after a reinstall); clear puts the old one back"),
    DHCPD_DOWN("dhcpd-down", false, "the lab's dhcpd is stopped"),
    NAMED_DOWN("named-down", false, "the lab's named is stopped"),
    HTTP_DOWN("http-down", false, "the lab's web server (nginx, the PXE tree) is stopped");

    private final String word;
    private final boolean perNode;
    private final String what;

    FaultKind(String word, boolean perNode, String what) {
        this.word = word;
        this.perNode = perNode;
        this.what = what;
    }

    /** Its name on the command line ({@code sshd-down}). */
    public String word() {
        return word;
    }

    /** Whether it is planted on nodes (else on a lab service). */
    public boolean perNode() {
        return perNode;
    }

    /** What it breaks, for help texts. */
    public String what() {
        return what;
    }

    /** The kind named {@code word}; a clear error naming the known ones otherwise. */
    public static FaultKind of(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst()
                .orElseThrow(() -> new LabException("lab: unknown fault '" + word + "' (known: " + words() + ")"));
    }

    static boolean isKind(String word) {
        return Arrays.stream(values()).anyMatch(k -> k.word.equals(word));
    }

    static String words() {
        return Arrays.stream(values()).map(FaultKind::word).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return word;
    }
}
