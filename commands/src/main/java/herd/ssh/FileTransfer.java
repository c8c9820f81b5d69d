package herd.ssh;

import herd.session.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import net.schmizz.sshj.common.StreamCopier;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPFileTransfer;
import net.schmizz.sshj.xfer.FileSystemFile;
import net.schmizz.sshj.xfer.TransferListener;

/**
 * File operations on one node over an SFTP channel of its pooled connection: what copy and the
 * remote service files need, and nothing of sshj beyond this class.
 *
 * <pre>{@code
 * try (FileTransfer files = pool.files(target, Duration.ofSeconds(10))) {
 *     byte[] conf = files.read("/etc/dhcp/dhcpd.conf");
 *     files.upload(Path.of("site.tar"), "/tmp/site.tar", false, bytes -> {});
 * }
 * }</pre>
 */
public final class FileTransfer implements AutoCloseable {
    private static final String POSIX_RENAME = "posix-rename@openssh.com";

    private final SFTPClient sftp;
    private final String node;

    /** What stat says of a remote file; times in seconds, as SFTP keeps them. */
    public record Stat(long size, long mtime, long atime, int uid, int gid, int permissions, boolean directory) {
    }

    FileTransfer(SFTPClient sftp, String node) {
        this.sftp = sftp;
        this.node = node;
    }

    public byte[] read(String path) throws IOException {
        try (RemoteFile f = sftp.open(path); InputStream in = f.new ReadAheadRemoteFileInputStream(16)) {
            return in.readAllBytes();
        }
    }

    /** Creates {@code path} with {@code permissions}; an existing file is an error (no race with another writer). */
    public void create(String path, byte[] content, int permissions) throws IOException {
        try (RemoteFile f = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL),
                new FileAttributes.Builder().withPermissions(permissions).build());
             OutputStream out = f.new RemoteFileOutputStream(0, 16)) {
            out.write(content);
        }
    }

    /** The file's attributes, following links; a missing file is an error. */
    public Stat stat(String path) throws IOException {
        return stat(sftp.stat(path));
    }

    /** As {@link #stat}, but null when there is no such file. */
    public Stat find(String path) throws IOException {
        FileAttributes a = sftp.statExistence(path);
        return a == null ? null : stat(a);
    }

    public boolean isDirectory(String path) throws IOException {
        Stat s = find(path);
        return s != null && s.directory();
    }

    /** The absolute path with links resolved. */
    public String canonical(String path) throws IOException {
        return sftp.canonicalize(path);
    }

    /** Owner and group first, then the mode: changing the owner may clear set-id bits. */
    public void setOwnerAndMode(String path, int uid, int gid, int permissions) throws IOException {
        sftp.setattr(path, new FileAttributes.Builder().withUIDGID(uid, gid).build());
        sftp.chmod(path, permissions);
    }

    public void setTimes(String path, long atime, long mtime) throws IOException {
        sftp.setattr(path, new FileAttributes.Builder().withAtimeMtime(atime, mtime).build());
    }

    /** rename(2) over an existing file; plain SFTP v3 rename refuses an existing destination. */
    public void replaceWith(String from, String to) throws IOException {
        SFTPEngine engine = sftp.getSFTPEngine();
        if (!engine.supportsServerExtension("posix-rename", "openssh.com")) {
            throw new SshException(node, Reason.FAILED, "the SFTP server lacks " + POSIX_RENAME
                    + " (needed for an atomic replace)");
        }
        engine.request(engine.newExtendedRequest(POSIX_RENAME).putString(from).putString(to))
                .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS).ensureStatusPacketIsOK();
    }

    public void makeDirectory(String dir, int permissions) throws IOException {
        sftp.getSFTPEngine().makeDir(dir, new FileAttributes.Builder().withPermissions(permissions).build());
    }

    public void makeDirectories(String dir) throws IOException {
        sftp.mkdirs(dir);
    }

    /** The paths of a directory's entries. */
    public List<String> list(String dir) throws IOException {
        List<String> paths = new ArrayList<>();
        for (RemoteResourceInfo f : sftp.ls(dir)) {
            paths.add(f.getPath());
        }
        return paths;
    }

    public void remove(String path) throws IOException {
        sftp.rm(path);
    }

    public void removeDirectory(String dir) throws IOException {
        sftp.rmdir(dir);
    }

    /** Sends a file or a tree; {@code transferred} gets the bytes sent so far by this call. */
    public void upload(Path local, String remote, boolean preserve, LongConsumer transferred) throws IOException {
        transfer(preserve, transferred).upload(new FileSystemFile(local.toFile()), remote);
    }

    /** Fetches a file or a tree; {@code transferred} gets the bytes received so far by this call. */
    public void download(String remote, Path local, boolean preserve, LongConsumer transferred) throws IOException {
        transfer(preserve, transferred).download(remote, new FileSystemFile(local.toFile()));
    }

    private static Stat stat(FileAttributes a) {
        return new Stat(a.getSize(), a.getMtime(), a.getAtime(), a.getUID(), a.getGID(),
                a.getMode().getPermissionsMask(), a.getType() == FileMode.Type.DIRECTORY);
    }

    @Override
    public void close() throws IOException {
        sftp.close();
    }

    private SFTPFileTransfer transfer(boolean preserve, LongConsumer transferred) {
        SFTPFileTransfer xfer = sftp.getFileTransfer();
        xfer.setPreserveAttributes(preserve);
        xfer.setTransferListener(new Running(transferred));
        return xfer;
    }

    /** sshj reports per file; callers want one running total. */
    private static final class Running implements TransferListener {
        private final LongConsumer transferred;
        private long done;

        Running(LongConsumer transferred) {
            this.transferred = transferred;
        }

        @Override
        public TransferListener directory(String name) {
            return this;
        }

        @Override
        public StreamCopier.Listener file(String name, long size) {
            long base = done;
            return bytes -> {
                done = base + bytes;
                transferred.accept(done);
            };
        }
    }
}
