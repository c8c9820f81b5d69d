package herd.pxe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every family's rendering passes herd's checks, with and without the optional settings; broken text does not. */
class InstallerValidatorTest {

    static final String FULL = """
            profiles:
              %s:
                os: %s
                root-password-hash: "%s"
                ssh-keys: ["%s"]
                packages: [vim, chrony]
                disk: vda
                partitions: [{mount: /boot, size: 1G}, {mount: swap, size: 2G}, {mount: /, size: max}]
                kernel-args: ["console=ttyS0,115200", "nomodeset"]
                post: ["echo 'quoted' > /etc/motd"]
            """;

    @ParameterizedTest
    @CsvSource({"el", "ubuntu", "debian", "opensuse"})
    void renderedConfigsPass(String os) {
        List<InstallContext> contexts = List.of(new InstallContext("g", "10.10.0.1"), new InstallContext("g", "10.10.0.1", true));
        for (InstallContext ctx : contexts) {
            for (DeployProfile p : List.of(profile(os, true), profile(os, false))) {
                String text = switch (p.os()) {
                    case EL -> KickstartRenderer.render(p, ctx);
                    case UBUNTU -> AutoinstallRenderer.render(p, ctx);
                    case DEBIAN -> PreseedRenderer.render(p, ctx);
                    case OPENSUSE -> AutoyastRenderer.render(p, ctx);
                };
                assertThat(InstallerValidator.check(p.os(), "cfg", text)).as(text).isEmpty();
                assertThat(text).contains("http://10.10.0.1/herd/install-finished");
                assertThat(text.contains("/herd/host-certs/$h.pub")).as("fetches its certificates")
                        .isEqualTo(ctx.certificates());
                if (!p.kernelArgs().isEmpty()) {
                    assertThat(text).contains("console=ttyS0,115200 nomodeset");
                }
            }
        }
    }

    private static DeployProfile profile(String os, boolean full) {
        String yaml = full ? FULL.formatted("p", os, RenderersTest.HASH, RenderersTest.KEY) : "p: {os: " + os + "}";
        Map<String, DeployProfile> m = ProfileParser.parseText(yaml, "t.yaml");
        return m.get("p");
    }

    @Test
    void brokenKickstart() {
        assertThat(InstallerValidator.check(OsFamily.EL, "ks.cfg", "text\nfrobnicate --all\n%packages\n@core\n%post\n"))
                .containsExactly("ks.cfg:2: unknown kickstart command 'frobnicate'",
                        "ks.cfg:5: %post inside %packages (line 3) without %end",
                        "ks.cfg:3: %packages not closed by %end",
                        "ks.cfg: missing 'rootpw'", "ks.cfg: missing 'timezone'", "ks.cfg: missing 'lang'",
                        "ks.cfg: missing 'keyboard'", "ks.cfg: missing 'bootloader'");
    }

    @Test
    void brokenAutoyast() {
        assertThat(InstallerValidator.check(OsFamily.OPENSUSE, "a.xml", "<?xml version=\"1.0\"?>\n<profile>\n<a></b>\n"))
                .singleElement().asString().startsWith("a.xml:3: ");
        assertThat(InstallerValidator.check(OsFamily.OPENSUSE, "a.xml", "<profile/>"))
                .containsExactly("a.xml:1: root element must be <profile> in the yast2ns namespace");
    }

    @Test
    void brokenAutoinstall() {
        assertThat(InstallerValidator.check(OsFamily.UBUNTU, "u", "autoinstall: {}\n")).containsExactly(
                "u:1: user-data must start with '#cloud-config'");
        assertThat(InstallerValidator.check(OsFamily.UBUNTU, "u", "#cloud-config\nautoinstall:\n  version: 2\n  colour: red\n"))
                .containsExactly("u: autoinstall.version must be 1", "u: unknown autoinstall key 'colour'",
                        "u: autoinstall needs 'identity' or 'user-data'");
        assertThat(InstallerValidator.check(OsFamily.UBUNTU, "u", "#cloud-config\nautoinstall: [\n"))
                .singleElement().asString().startsWith("u:3: ");
    }

    @Test
    void brokenPreseed() {
        assertThat(InstallerValidator.check(OsFamily.DEBIAN, "p.cfg", """
                # comment
                d-i time/zone strung Europe/Paris
                d-i clock-setup/utc boolean yes
                d-i preseed/late_command string \\
                  echo hi
                nonsense
                d-i x/y string \\""")).containsExactly(
                "p.cfg:2: unknown type 'strung' for time/zone",
                "p.cfg:3: clock-setup/utc: boolean must be true or false",
                "p.cfg:6: expected 'OWNER QUESTION TYPE VALUE'",
                "p.cfg:7: continuation '\\' on the last line");
    }
}
