package herd.bmc;

import java.util.Locale;

/** A node's chassis power as its BMC reports it. */
public enum PowerState {
    ON,
    OFF;

    /** "on" / "off", as printed and as in {@code @power:on}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
