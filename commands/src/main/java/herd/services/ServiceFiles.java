package herd.services;

import herd.files.EditReport;
import herd.files.FileAccess;
import herd.files.FileEditor;
import herd.files.SftpFileAccess;
import herd.files.WriteMode;
import herd.inventory.Node;
import herd.nodeset.NodeSet;
import herd.session.Output;
import herd.session.Session;
import herd.session.UsageException;
import herd.ssh.ConnectionPool;
import herd.ssh.SessionSsh;
import herd.ssh.SshTarget;
import java.time.Duration;
import java.util.List;

/**
 * What the dhcp, dns, hosts and net adapters share: the inventory's settings, the write mode of
 * {@code --dry-run}/{@code --apply}, and the rendering of an {@link EditReport}.
 */
public final class ServiceFiles {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ServiceFiles() {
    }

    public static ServiceSettings settings(Session session) {
        return ServiceSettings.from(session.inventory(), System.getenv(), p -> session.out().askSecret(p));
    }

    /** Settings without the TSIG secret, for commands that only edit files (dhcp, hosts). */
    public static ServiceSettings fileSettings(Session session) {
        return ServiceSettings.from(session.inventory(), System.getenv(), p -> session.out().askSecret(p), false);
    }

    /**
     * The service files' editor: local, or on {@code services.host} over the session's SSH
     * connection; the files it writes go to the audit log.
     */
    public static FileEditor editor(Session session, ServiceSettings settings) {
        return settings.editor(host -> remoteFiles(session, host)).reporting(session.effects()::wrote);
    }

    /** SFTP (and exec for checkers and apply commands) on the pooled connection to {@code host}. */
    public static FileAccess remoteFiles(Session session, String host) {
        ConnectionPool pool = SessionSsh.pool(session);
        SshTarget target = SessionSsh.targets(session, NodeSet.fromNames(List.of(host))).get(0);
        return new SftpFileAccess(pool, target, CONNECT_TIMEOUT);
    }

    public static WriteMode mode(boolean dryRun, boolean apply) {
        if (dryRun && apply) {
            throw new UsageException("--dry-run and --apply exclude each other");
        }
        return dryRun ? WriteMode.DRY_RUN : apply ? WriteMode.APPLY : WriteMode.WRITE;
    }

    /** The node of the inventory, or a one-line error when it is not there. */
    public static Node node(Session session, String name) {
        return session.inventory().node(name).orElseThrow(() -> new ServicesException(name + ": not in the inventory"
                + " (give the values as options, or add the node to " + session.inventory().source() + ")"));
    }

    public static void render(Output out, EditReport report) {
        out.result(report, report.lines());
    }
}
