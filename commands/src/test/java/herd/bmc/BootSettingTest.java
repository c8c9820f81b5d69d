package herd.bmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.session.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes of Set/Get System Boot Options parameter 5 and the words of the commands. */
class BootSettingTest {

    @ParameterizedTest
    @CsvSource({
        "pxe,   false, false, 0x80, 0x04, pxe",
        "disk,  true,  false, 0xc0, 0x08, disk persistent",
        "bios,  false, true,  0xa0, 0x18, bios efi",
        "cdrom, true,  true,  0xe0, 0x14, cdrom persistent efi",
    })
    void encodesAndDecodesLikeIpmitool(String word, boolean persistent, boolean efi, String flags, String device,
            String shown) {
        BootSetting s = new BootSetting(BootDevice.parse(word), persistent, efi);
        assertThat(s.flagsByte()).isEqualTo(Integer.decode(flags));
        assertThat(s.device().selector()).isEqualTo(Integer.decode(device));
        assertThat(BootSetting.decode(Integer.decode(flags), Integer.decode(device))).isEqualTo(s);
        assertThat(s).hasToString(shown);
    }

    @ParameterizedTest
    @CsvSource({"0x00, none", "0x04, pxe", "0x3c, floppy", "0x07, pxe", "0xff, floppy"})
    void deviceSelectorIgnoresTheOtherBitsOfTheByte(String dataByte, String word) {
        assertThat(BootDevice.fromSelector(Integer.decode(dataByte)).word()).isEqualTo(word);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "floppy | bootdev: unknown device \"floppy\" (pxe, disk, bios, cdrom, none)",
        "PXE2   | bootdev: unknown device \"PXE2\" (pxe, disk, bios, cdrom, none)",
    })
    void unknownDevicesAreUsageErrors(String word, String message) {
        assertThatThrownBy(() -> BootDevice.parse(word)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"on, 0x01, false, on", "off, 0x00, true, off", "soft, 0x05, true, off", "reset, 0x03, true, on",
        "cycle, 0x02, true, on", "CYCLE, 0x02, true, on"})
    void powerActionsCarryTheirChassisControlByte(String word, String code, boolean destructive, String target) {
        PowerAction a = PowerAction.parse(word);
        assertThat(a.chassisControl()).isEqualTo(Integer.decode(code));
        assertThat(a.destructive()).isEqualTo(destructive);
        assertThat(a.target()).map(PowerState::word).contains(target);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"boot | power: unknown action \"boot\" (on, off, soft, reset, cycle, status)"})
    void unknownPowerActionsAreUsageErrors(String word, String message) {
        assertThatThrownBy(() -> PowerAction.parse(word)).isInstanceOf(UsageException.class).hasMessage(message);
        assertThat(PowerAction.STATUS.target()).isEmpty();
    }
}
