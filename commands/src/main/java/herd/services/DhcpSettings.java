package herd.services;

/**
 * Where dhcpd's configuration lives and how to restart it (inventory {@code services.dhcp}).
 *
 * @param conf path of dhcpd.conf
 * @param restart shell command run by {@code --apply}; blank = none configured
 */
public record DhcpSettings(String conf, String restart) {
    public DhcpSettings {
        restart = restart == null ? "" : restart;
    }
}
