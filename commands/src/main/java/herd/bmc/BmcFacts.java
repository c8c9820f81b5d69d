package herd.bmc;

/**
 * What {@code bmc info} shows of a node: {@code new BmcFacts("herd", "lab node", "SN1", "1.0",
 * "bmc 1.0", "OK", PowerState.ON)}. A field the BMC does not give is "-".
 *
 * @param manufacturer system manufacturer
 * @param model        system model
 * @param serial       system serial number
 * @param bios         BIOS version
 * @param firmware     BMC firmware version
 * @param health       system health (Redfish Status.Health: OK, Warning, Critical)
 * @param power        power state
 */
public record BmcFacts(String manufacturer, String model, String serial, String bios, String firmware, String health,
                       PowerState power) {

    public static final String UNKNOWN = "-";

    public BmcFacts {
        manufacturer = orUnknown(manufacturer);
        model = orUnknown(model);
        serial = orUnknown(serial);
        bios = orUnknown(bios);
        firmware = orUnknown(firmware);
        health = orUnknown(health);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value.strip();
    }
}
