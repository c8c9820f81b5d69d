package herd.files;

import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import herd.ssh.FileTransfer;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files on the management node ({@code services.host}), over SFTP channels of the session's pooled
 * SSH connection; checkers and apply commands run there on exec channels of the same connection
 * ({@link RemoteRunner}). Every failure is an {@link SshException} naming the node.
 *
 * <pre>{@code
 * FileAccess files = new SftpFileAccess(SessionSsh.pool(session), target, Duration.ofSeconds(10));
 * files.replace("/etc/dhcp/dhcpd.conf", edited);   // temp file + posix-rename, owner/group/mode kept
 * }</pre>
 */
public final class SftpFileAccess implements FileAccess {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConnectionPool pool;
    private final SshTarget target;
    private final Duration timeout;
    private final RemoteRunner runner;
    private final Map<String, Boolean> programs = new ConcurrentHashMap<>();

    public SftpFileAccess(ConnectionPool pool, SshTarget target, Duration connectTimeout) {
        this.pool = pool;
        this.target = target;
        this.timeout = connectTimeout;
        this.runner = new RemoteRunner(pool, target, connectTimeout);
    }

    @Override
    public String where() {
        return " on " + target.node();
    }

    @Override
    public byte[] read(String path) throws IOException {
        try (FileTransfer sftp = sftp()) {
            return sftp.read(path);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean exists(String path) {
        try (FileTransfer sftp = sftp()) {
            return sftp.find(path) != null;
        } catch (IOException e) {
            throw new FileEditException(path, 0, "cannot read: " + failure(e).getMessage());
        }
    }

    @Override
    public long modified(String path) throws IOException {
        try (FileTransfer sftp = sftp()) {
            return sftp.stat(path).mtime() * 1000;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean changedSince(String path, long readAt, byte[] before) throws IOException {
        // SFTP times are whole seconds: an edit in the same second shows only in the content.
        try (FileTransfer sftp = sftp()) {
            FileTransfer.Stat a = sftp.stat(path);
            return a.mtime() * 1000 != readAt || a.size() != before.length || !Arrays.equals(sftp.read(path), before);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void replace(String path, byte[] content) throws IOException {
        try (FileTransfer sftp = sftp()) {
            // canonicalize follows a symlink: the link stays, its target gets the new content.
            String real = sftp.canonical(path);
            FileTransfer.Stat attrs = sftp.stat(real);
            String dir = real.substring(0, Math.max(1, real.lastIndexOf('/')));
            String name = real.substring(real.lastIndexOf('/') + 1);
            byte[] old = sftp.read(real);
            writeAndRename(sftp, dir, name, old, attrs, backupOf(real), true);
            writeAndRename(sftp, dir, name, content, attrs, real, false);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean isDirectory(String path) {
        try (FileTransfer sftp = sftp()) {
            return sftp.isDirectory(path);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String tempDir() throws IOException {
        String dir = "/tmp/herd-check-" + HexFormat.of().formatHex(randomBytes());
        try (FileTransfer sftp = sftp()) {
            sftp.makeDirectory(dir, 0700);
            return dir;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void create(String path, byte[] content) throws IOException {
        try (FileTransfer sftp = sftp()) {
            sftp.create(path, content, 0600);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void deleteTree(String dir) {
        try (FileTransfer sftp = sftp()) {
            // Scratch directories hold plain files only (a checker's copy).
            for (String f : sftp.list(dir)) {
                sftp.remove(f);
            }
            sftp.removeDirectory(dir);
        } catch (IOException e) {
            // A leftover scratch copy in the node's /tmp is harmless; the check result stands.
        }
    }

    @Override
    public boolean installed(String program) {
        return programs.computeIfAbsent(program, p -> {
            String test = p.contains("/") ? "test -x " + RemoteRunner.quote(p) : "command -v " + RemoteRunner.quote(p);
            try {
                return runner.run(test + " >/dev/null", null, Duration.ofSeconds(30)).ok();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public ProcessRunner.Result run(List<String> command, String workDir, Duration limit) throws IOException {
        return runner.run(String.join(" ", command.stream().map(RemoteRunner::quote).toList()), workDir, limit);
    }

    private FileTransfer sftp() throws IOException {
        return pool.files(target, timeout);
    }

    private void writeAndRename(FileTransfer sftp, String dir, String name, byte[] content, FileTransfer.Stat attrs,
            String destination, boolean keepTimes) throws IOException {
        String tmp = dir + "/." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".herd-tmp";
        try {
            sftp.create(tmp, content, 0600);
            sftp.setOwnerAndMode(tmp, attrs.uid(), attrs.gid(), attrs.permissions());
            if (keepTimes) {
                sftp.setTimes(tmp, attrs.atime(), attrs.mtime());
            }
            sftp.replaceWith(tmp, destination);
        } catch (IOException e) {
            removeQuietly(sftp, tmp);
            throw e;
        }
    }

    private static void removeQuietly(FileTransfer sftp, String path) {
        try {
            sftp.remove(path);
        } catch (IOException e) {
            // Never written, or already gone.
        }
    }

    private SshException failure(IOException e) {
        if (e instanceof SshException s) {
            return s;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new SshException(target.node(), Reason.FAILED, m, e);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
