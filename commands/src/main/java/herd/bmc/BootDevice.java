package herd.bmc;

import herd.session.UsageException;
import java.util.Locale;

/**
 * The boot device of Set/Get System Boot Options (parameter 5, data byte 2, bits 5:2):
 * {@code BootDevice.parse("pxe").selector() == 0x04}.
 */
public enum BootDevice {
    NONE(0x00),
    PXE(0x04),
    DISK(0x08),
    SAFE(0x0c),
    DIAG(0x10),
    CDROM(0x14),
    BIOS(0x18),
    FLOPPY(0x3c);

    private final int selector;

    BootDevice(int selector) {
        this.selector = selector;
    }

    /** Data byte 2 of boot flags, with only the device selector set. */
    public int selector() {
        return selector;
    }

    /** The device encoded in data byte 2 of a Get System Boot Options answer. */
    public static BootDevice fromSelector(int dataByte2) {
        int masked = dataByte2 & 0x3c;
        for (BootDevice d : values()) {
            if (d.selector == masked) {
                return d;
            }
        }
        return NONE;
    }

    /** The devices {@code bootdev} sets: pxe, disk, bios, cdrom. */
    public static BootDevice parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "pxe" -> PXE;
            case "disk" -> DISK;
            case "bios" -> BIOS;
            case "cdrom" -> CDROM;
            case "none" -> NONE;
            default -> throw new UsageException("bootdev: unknown device \"" + word + "\" (pxe, disk, bios, cdrom, none)");
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
