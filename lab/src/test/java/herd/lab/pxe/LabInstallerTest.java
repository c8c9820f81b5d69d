package herd.lab.pxe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lab installer's reading of herd's configs: the completion step apart, run as the config says. */
class LabInstallerTest {

    static final String CALLBACK = "ssh-keygen -A >/dev/null 2>&1; k=''; u=\"http://10.10.0.1/herd/install-finished?${k#&}\";"
            + " curl -fsS -o /dev/null \"$u\" || true";

    @Test
    void aKickstartsCallbackPostIsTheCompletionStepWithItsInterpreterAndLog() {
        String ks = "timezone Europe/Paris --isUtc\nrootpw --lock\n%packages\n@core\nchrony\n%end\n"
                + "%post --interpreter /bin/bash --log /root/profile_post-install.log\necho hi > /etc/motd\n%end\n"
                + "%post --interpreter /bin/bash --log /root/herd_install_finished.log\n" + CALLBACK + "\n%end\n";
        assertThat(LabInstaller.callback(ks)).contains(new LabInstaller.Script("/bin/bash",
                "/root/herd_install_finished.log", CALLBACK + "\n"));
        String firstBoot = LabInstaller.firstBoot(ks);
        assertThat(firstBoot).contains("echo hi > /etc/motd").doesNotContain("install-finished");
    }

    @Test
    void aPreseedsLateCommandIsOneCommandPerLineAndInTargetRunsInTheNewSystem() {
        String preseed = "d-i time/zone string Europe/Paris\n### Root ssh keys\nd-i preseed/late_command string \\\n"
                + "  in-target sh -c 'mkdir -p /root/.ssh && chmod 700 /root/.ssh'; \\\n"
                + "  in-target sh -c 'echo hi > /etc/motd'; \\\n"
                + "  in-target sh -c '" + CALLBACK.replace("'", "'\\''") + "'\n";
        assertThat(LabInstaller.callback(preseed)).contains(new LabInstaller.Script("/bin/sh", null,
                "sh -c '" + CALLBACK.replace("'", "'\\''") + "'\n"));
        assertThat(LabInstaller.firstBoot(preseed)).contains("sh -c 'echo hi > /etc/motd'\n")
                .contains("sh -c 'mkdir -p /root/.ssh && chmod 700 /root/.ssh'\n").doesNotContain("install-finished");
    }

    @Test
    void aConfigWithoutCallbackHasNoCompletionStep() {
        assertThat(LabInstaller.callback("timezone UTC\n")).isEmpty();
    }
}
