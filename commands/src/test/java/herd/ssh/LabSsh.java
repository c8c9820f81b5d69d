package herd.ssh;

import herd.lab.Lab;
import herd.lab.LabNode;
import herd.ssh.config.SshConfig;
import herd.ssh.config.SshConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: the settings and targets that reach a lab's nodes. */
public final class LabSsh {

    private LabSsh() {
    }

    public static SshSettings settings(Lab lab) {
        return SshSettings.defaults(Path.of(System.getProperty("user.home")))
                .withKnownHosts(lab.knownHosts(), false)
                .withIdentities(List.of(lab.sshKey()))
                .withTimes(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5))
                .withAgent(Optional.empty());
    }

    public static ConnectionPool pool(Lab lab) throws SshException {
        return new ConnectionPool(settings(lab), prompt -> Optional.empty());
    }

    /** Every node of the lab, resolved through the lab's ssh_config. */
    public static List<SshTarget> targets(Lab lab) throws SshConfigException {
        SshConfig config = SshConfig.parse(lab.sshConfig());
        List<SshTarget> targets = new ArrayList<>();
        for (LabNode n : lab.nodes()) {
            targets.add(SshTarget.of(config.resolve(n.name(), "root", 22)));
        }
        return targets;
    }

    public static SshTarget target(Lab lab, String node) throws SshConfigException {
        return SshTarget.of(SshConfig.parse(lab.sshConfig()).resolve(node, "root", 22));
    }
}
