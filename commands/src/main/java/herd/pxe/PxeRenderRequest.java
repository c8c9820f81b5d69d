package herd.pxe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code pxe render} needs: the roots, the nodes to render and the known profiles.
 *
 * @param install nodes whose link must point at their group (deploy); every other node already
 *                switched to local boot keeps its local link, so {@code pxe render} never re-arms an install
 * @param dryRun  compute and diff only; write nothing
 * @param hostCertificates the installer configs fetch the host certificates herd signs (a host CA is set)
 */
public record PxeRenderRequest(Path httpRoot, Path tftpRoot, List<PxeNode> nodes,
                               Map<String, DeployProfile> profiles, Set<String> install, boolean dryRun,
                               boolean hostCertificates) {

    public PxeRenderRequest {
        nodes = List.copyOf(nodes);
        profiles = Map.copyOf(profiles);
        install = Set.copyOf(install);
    }

    public PxeRenderRequest(Path httpRoot, Path tftpRoot, List<PxeNode> nodes, Map<String, DeployProfile> profiles,
                            Set<String> install, boolean dryRun) {
        this(httpRoot, tftpRoot, nodes, profiles, install, dryRun, false);
    }
}
