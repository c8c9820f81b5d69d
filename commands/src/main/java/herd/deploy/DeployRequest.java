package herd.deploy;

import herd.hostkeys.HostKeyPlace;
import herd.logs.LogSource;
import herd.pxe.DeployProfile;
import herd.pxe.PxeNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A deployment: the nodes (with their profiles and next-servers), the PXE roots, the logs that
 * tell its progress, where each node's sshd answers once installed, and the time limits.
 *
 * @param hostKeys where each node's host keys are pinned: its install's report replaces them there
 * @param overall  the whole deployment's deadline (then unfinished nodes are reported as stuck)
 */
public record DeployRequest(List<PxeNode> nodes, Map<String, DeployProfile> profiles, Path httpRoot, Path tftpRoot,
                            List<LogSource> logs, Map<String, InetSocketAddress> ssh, Map<String, HostKeyPlace> hostKeys,
                            DeployTimeouts timeouts, Duration overall) {

    public DeployRequest {
        nodes = List.copyOf(nodes);
        profiles = Map.copyOf(profiles);
        logs = List.copyOf(logs);
        ssh = Map.copyOf(ssh);
        hostKeys = Map.copyOf(hostKeys);
    }
}
