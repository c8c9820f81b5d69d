package herd.files;

import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;

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
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
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
        try (SFTPClient sftp = sftp()) {
            return read(sftp, path);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean exists(String path) {
        try (SFTPClient sftp = sftp()) {
            return sftp.statExistence(path) != null;
        } catch (IOException e) {
            throw new FileEditException(path, 0, "cannot read: " + failure(e).getMessage());
        }
    }

    @Override
    public long modified(String path) throws IOException {
        try (SFTPClient sftp = sftp()) {
            return sftp.stat(path).getMtime() * 1000;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean changedSince(String path, long readAt, byte[] before) throws IOException {
        // SFTP times are whole seconds: an edit in the same second shows only in the content.
        try (SFTPClient sftp = sftp()) {
            FileAttributes a = sftp.stat(path);
            return a.getMtime() * 1000 != readAt || a.getSize() != before.length || !Arrays.equals(read(sftp, path), before);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void replace(String path, byte[] content) throws IOException {
        try (SFTPClient sftp = sftp()) {
            // canonicalize follows a symlink: the link stays, its target gets the new content.
            String real = sftp.canonicalize(path);
            FileAttributes attrs = sftp.stat(real);
            String dir = real.substring(0, Math.max(1, real.lastIndexOf('/')));
            String name = real.substring(real.lastIndexOf('/') + 1);
            byte[] old = read(sftp, real);
            writeAndRename(sftp, dir, name, old, attrs, backupOf(real), true);
            writeAndRename(sftp, dir, name, content, attrs, real, false);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public boolean isDirectory(String path) {
        try (SFTPClient sftp = sftp()) {
            FileAttributes a = sftp.statExistence(path);
            return a != null && a.getType() == FileMode.Type.DIRECTORY;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String tempDir() throws IOException {
        String dir = "/tmp/herd-check-" + HexFormat.of().formatHex(randomBytes());
        try (SFTPClient sftp = sftp()) {
            sftp.getSFTPEngine().makeDir(dir, new FileAttributes.Builder().withPermissions(0700).build());
            return dir;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void create(String path, byte[] content) throws IOException {
        try (SFTPClient sftp = sftp()) {
            write(sftp, path, content, 0600);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void deleteTree(String dir) {
        try (SFTPClient sftp = sftp()) {
            // Scratch directories hold plain files only (a checker's copy).
            for (RemoteResourceInfo f : sftp.ls(dir)) {
                sftp.rm(f.getPath());
            }
            sftp.rmdir(dir);
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

    private SFTPClient sftp() throws IOException {
        return pool.sftp(target, timeout);
    }

    private void writeAndRename(SFTPClient sftp, String dir, String name, byte[] content, FileAttributes attrs,
            String destination, boolean keepTimes) throws IOException {
        String tmp = dir + "/." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".herd-tmp";
        try {
            write(sftp, tmp, content, 0600);
            FileAttributes.Builder b = new FileAttributes.Builder().withUIDGID(attrs.getUID(), attrs.getGID());
            sftp.setattr(tmp, b.build());
            // chmod after chown: changing the owner may clear set-id bits.
            sftp.chmod(tmp, attrs.getMode().getPermissionsMask());
            if (keepTimes) {
                sftp.setattr(tmp, new FileAttributes.Builder().withAtimeMtime(attrs.getAtime(), attrs.getMtime()).build());
            }
            rename(sftp, tmp, destination);
        } catch (IOException e) {
            removeQuietly(sftp, tmp);
            throw e;
        }
    }

    /** rename(2) over an existing file; plain SFTP v3 rename refuses an existing destination. */
    private void rename(SFTPClient sftp, String from, String to) throws IOException {
        SFTPEngine engine = sftp.getSFTPEngine();
        if (!engine.supportsServerExtension("posix-rename", "openssh.com")) {
            throw new SshException(target.node(), Reason.FAILED, "the SFTP server lacks " + POSIX_RENAME
                    + " (needed for an atomic replace)");
        }
        engine.request(engine.newExtendedRequest(POSIX_RENAME).putString(from).putString(to))
                .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS).ensureStatusPacketIsOK();
    }

    private static byte[] read(SFTPClient sftp, String path) throws IOException {
        try (RemoteFile f = sftp.open(path); InputStream in = f.new ReadAheadRemoteFileInputStream(16)) {
            return in.readAllBytes();
        }
    }

    private static void write(SFTPClient sftp, String path, byte[] content, int mode) throws IOException {
        try (RemoteFile f = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL),
                new FileAttributes.Builder().withPermissions(mode).build());
             OutputStream out = f.new RemoteFileOutputStream(0, 16)) {
            out.write(content);
        }
    }

    private static void removeQuietly(SFTPClient sftp, String path) {
        try {
            sftp.rm(path);
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
