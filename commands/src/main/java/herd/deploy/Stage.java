package herd.deploy;

/** The stages of one node's deployment, in order, as read from the servers' logs. */
public enum Stage {
    WAITING("waiting-dhcp"),
    DHCP_OFFERED("dhcp-offered"),
    DHCP_ACKED("dhcp-acked"),
    IPXE_BINARY("ipxe"),
    BOOT_SCRIPT("boot.ipxe"),
    NODE_FILE("node-file"),
    KERNEL("kernel"),
    INITRD("initrd"),
    INSTALLER_CONFIG("installer-config"),
    INSTALLING("installing"),
    INSTALL_FINISHED("install-finished"),
    REBOOTED("rebooted"),
    SSH_UP("ssh-up");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** The name users see: {@code dhcp-offered}, {@code ssh-up}. */
    public String label() {
        return label;
    }

    /** Stages whose files belong to the installer: fetching one again after the install means a reinstall. */
    public boolean installStep() {
        return this == KERNEL || this == INITRD || this == INSTALLER_CONFIG;
    }

    @Override
    public String toString() {
        return label;
    }
}
