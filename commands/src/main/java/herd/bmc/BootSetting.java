package herd.bmc;

import java.util.Objects;

/**
 * A boot device with its flags, as set by {@code bootdev pxe --persistent --efi}.
 * {@code new BootSetting(BootDevice.PXE, false, false).toString()} is {@code "pxe"}.
 *
 * @param device     the device
 * @param persistent for every boot, not only the next one
 * @param efi        EFI boot rather than legacy BIOS
 */
public record BootSetting(BootDevice device, boolean persistent, boolean efi) {

    public BootSetting {
        Objects.requireNonNull(device, "device");
    }

    /** Data byte 1 of boot flags: valid, persistent, EFI. */
    public int flagsByte() {
        return 0x80 | (persistent ? 0x40 : 0) | (efi ? 0x20 : 0);
    }

    /** Decodes data bytes 1 and 2 of a Get System Boot Options (parameter 5) answer. */
    public static BootSetting decode(int flags, int device) {
        return new BootSetting(BootDevice.fromSelector(device), (flags & 0x40) != 0, (flags & 0x20) != 0);
    }

    @Override
    public String toString() {
        return device.word() + (persistent ? " persistent" : "") + (efi ? " efi" : "");
    }
}
