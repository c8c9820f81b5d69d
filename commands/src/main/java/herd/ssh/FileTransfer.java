package herd.ssh;

import herd.session.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPException;

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
    private static final String STATVFS = "statvfs@openssh.com";
    private static final long SSH_FXE_STATVFS_ST_RDONLY = 0x1;
    /** Marks the temporary names copies are written under before their rename. */
    public static final String TEMP_MARK = ".herd-";
    static final java.util.Random RANDOM = new java.security.SecureRandom();

    private final SFTPClient sftp;
    private final String node;

    /** What stat says of a remote file; times in seconds, as SFTP keeps them. */
    public record Stat(long size, long mtime, long atime, int uid, int gid, int permissions, boolean directory,
                       boolean regular) {
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

    /**
     * Sends a file or a tree; {@code transferred} gets the bytes sent so far by this call. Each file
     * is written under a temporary name beside its destination ({@code .NAME.herd-XXXX}) and renamed
     * over it once complete, so a destination is never left half written: a failed copy leaves the
     * old file, or none. With {@code preserve} a file or directory gets the local one's mode, owner
     * and group (numeric) and times; without it a file replaced keeps its mode and owner, a new one
     * gets the server's defaults.
     */
    public void upload(Path local, String remote, boolean preserve, LongConsumer transferred) throws IOException {
        new SftpUpload(this, sftp, preserve, transferred).tree(local, remote);
    }

    /**
     * Fetches a file or a tree into a temporary name beside {@code local}, then moves it there
     * (replacing what was); a failed fetch leaves nothing. With {@code preserve} the copies get
     * the remote mode, times, owner and group; {@code transferred} gets the bytes received so far.
     */
    public void download(String remote, Path local, boolean preserve, LongConsumer transferred) throws IOException {
        Path temp = local.resolveSibling("." + local.getFileName() + TEMP_MARK + Long.toHexString(RANDOM.nextLong()));
        try {
            Stat top = guardedStat(remote);
            new SftpDownload(this, sftp, preserve, transferred).tree(remote, top, temp);
            if (Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(temp)) {
                throw new java.nio.file.FileSystemException(local.toString(), null, "Is a directory");
            }
            if (Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(local);
            }
            Files.move(temp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(temp);
            } catch (IOException left) {
                e.addSuppressed(left);
            }
            throw e;
        }
    }

    /** Whether {@code e} is an SFTP request that got no answer in time (the node stopped answering). */
    public static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** How long an SFTP request waits for its answer. */
    public Duration requestTimeout() {
        return Duration.ofMillis(sftp.getSFTPEngine().getTimeoutMs());
    }

    /**
     * Whether {@code e} means the connection broke (the node went away), not that the node refused
     * an operation: a socket or transport failure, or a channel found closed. The transport's
     * reader may see the end a moment after a write failed, hence the short wait.
     */
    public boolean lost(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketException || c instanceof java.io.EOFException
                    || c instanceof net.schmizz.sshj.transport.TransportException
                    || c instanceof net.schmizz.sshj.connection.ConnectionException) {
                return true;
            }
            if (c instanceof SFTPException s && s.getStatusCode() != Response.StatusCode.UNKNOWN) {
                return false;
            }
        }
        for (int i = 0; i < 10 && connected(); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !connected();
    }

    /** Whether the SFTP channel (and so the node's connection) is still open. */
    public boolean connected() {
        return sftp.getSFTPEngine().getSubsystem().isOpen();
    }

    /** Free bytes and free inodes for an unprivileged writer on the file system holding {@code path}; read-only or not. */
    public record Space(long freeBytes, long freeInodes, boolean readOnly) {
    }

    /** statvfs of {@code path} (OpenSSH extension); null when the server lacks it. */
    public Space space(String path) throws IOException {
        SFTPEngine engine = sftp.getSFTPEngine();
        if (!engine.supportsServerExtension("statvfs", "openssh.com")) {
            return null;
        }
        Response r = engine.request(engine.newExtendedRequest(STATVFS).putString(path))
                .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS);
        if (r.getType() != PacketType.EXTENDED_REPLY) {
            r.ensureStatusPacketIsOK();
            return null;
        }
        try {
            r.readUInt64(); // f_bsize
            long frsize = r.readUInt64();
            r.readUInt64(); // f_blocks
            r.readUInt64(); // f_bfree
            long bavail = r.readUInt64();
            r.readUInt64(); // f_files
            r.readUInt64(); // f_ffree
            long favail = r.readUInt64();
            r.readUInt64AsBigInteger(); // f_fsid: any 64 bits
            long flag = r.readUInt64();
            return new Space(bavail * frsize, favail, (flag & SSH_FXE_STATVFS_ST_RDONLY) != 0);
        } catch (Buffer.BufferException e) {
            throw new IOException("bad statvfs reply", e);
        }
    }

    /** A failed file operation, its message naming the path: {@code "No space left on device: /srv/a"}. */
    public static final class PathException extends IOException {
        PathException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    Stat guardedStat(String remote) throws IOException {
        try {
            return stat(remote);
        } catch (IOException | RuntimeException e) {
            throw explain(e, remote, 0);
        }
    }

    /**
     * The failure named after its path. SFTP v3 reports a full or read-only disk as a bare
     * "Failure": the file system's statvfs tells them apart, so that the node's reason says what happened.
     */
    PathException explain(Throwable e, String path, long remaining) {
        if (e instanceof PathException p) {
            return p;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (e instanceof SFTPException s && s.getStatusCode() == Response.StatusCode.FAILURE && connected() && !timedOut(e)) {
            try {
                int slash = path.lastIndexOf('/');
                Space free = space(slash > 0 ? path.substring(0, slash) : "/");
                if (free != null && free.readOnly()) {
                    m = "Read-only file system";
                } else if (free != null && (free.freeBytes() < Math.max(remaining, 1) || free.freeInodes() == 0)) {
                    // no byte count: nodes that failed alike must fold into one line
                    m = free.freeInodes() == 0 ? "No space left on device (no free inodes)" : "No space left on device";
                }
            } catch (IOException | RuntimeException unknown) {
                // the reason stays the server's own word
            }
        }
        return new PathException(m + ": " + path, e);
    }

    void keepLocalAttributes(Path local, String remote) throws IOException {
        Map<String, Object> a = Files.readAttributes(local, "unix:mode,uid,gid,lastAccessTime,lastModifiedTime");
        setOwnerAndMode(remote, (Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode") & 07777);
        setTimes(remote, ((FileTime) a.get("lastAccessTime")).to(TimeUnit.SECONDS),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS));
    }

    static int localMode(Path local) throws IOException {
        return (Integer) Files.getAttribute(local, "unix:mode") & 07777;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    static Stat stat(FileAttributes a) {
        return new Stat(a.getSize(), a.getMtime(), a.getAtime(), a.getUID(), a.getGID(),
                a.getMode().getPermissionsMask(), a.getType() == FileMode.Type.DIRECTORY, a.getType() == FileMode.Type.REGULAR);
    }

    @Override
    public void close() throws IOException {
        sftp.close();
    }
}
