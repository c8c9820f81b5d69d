package herd.ssh;

import herd.session.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

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
        new Upload(preserve, transferred).tree(local, remote);
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
            new Download(preserve, transferred).tree(remote, top, temp);
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

    private final class Upload {
        private final boolean preserve;
        private final LongConsumer transferred;
        private long done;

        Upload(boolean preserve, LongConsumer transferred) {
            this.preserve = preserve;
            this.transferred = transferred;
        }

        void tree(Path local, String remote) throws IOException {
            if (!Files.isDirectory(local)) {
                file(local, remote);
                return;
            }
            Stat there = guarded(() -> find(remote), remote, 0);
            if (there == null) {
                guarded(() -> {
                    sftp.mkdir(remote);
                    return null;
                }, remote, 0);
            } else if (!there.directory()) {
                throw new PathException("not a directory: " + remote, null);
            }
            List<Path> entries;
            try (Stream<Path> s = Files.list(local)) {
                entries = s.sorted().toList();
            }
            for (Path e : entries) {
                tree(e, remote + "/" + e.getFileName());
            }
            if (preserve) {
                guarded(() -> {
                    keepLocalAttributes(local, remote);
                    return null;
                }, remote, 0);
            }
        }

        private void file(Path local, String remote) throws IOException {
            long size = Files.size(local);
            Stat old = guarded(() -> find(remote), remote, 0);
            if (old != null && old.directory()) {
                throw new PathException("is a directory: " + remote, null);
            }
            // Through a link to its file, as scp and cp write: the link stays a link.
            String real = old == null ? remote : guarded(() -> canonical(remote), remote, 0);
            int slash = real.lastIndexOf('/');
            String temp = real.substring(0, slash + 1) + "." + real.substring(slash + 1) + TEMP_MARK
                    + Long.toHexString(RANDOM.nextLong());
            long[] written = {0};
            try {
                int mode = preserve ? localMode(local) : old != null ? old.permissions() : -1;
                FileAttributes create = mode < 0 ? FileAttributes.EMPTY
                        : new FileAttributes.Builder().withPermissions(mode & 0700).build();
                // Closed only on success: closing after a failure waits for every write's answer
                // (30 s each from a node that stopped answering); the channel's end frees the handle.
                RemoteFile f = sftp.open(temp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), create);
                try (InputStream in = Files.newInputStream(local)) {
                    OutputStream out = f.new RemoteFileOutputStream(0, 16);
                    byte[] buf = new byte[sftp.getSFTPEngine().getSubsystem().getRemoteMaxPacketSize()
                            - f.getOutgoingPacketOverhead()];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        written[0] += n;
                        done += n;
                        transferred.accept(done);
                    }
                    out.close();
                }
                f.close();
                if (preserve) {
                    keepLocalAttributes(local, temp);
                } else if (old != null) {
                    setOwnerAndMode(temp, old.uid(), old.gid(), old.permissions());
                }
                replaceWith(temp, real);
            } catch (IOException | RuntimeException e) {
                PathException named = explain(e, remote, size - written[0]);
                // a node that does not answer would make the removal wait as long again
                if (connected() && !timedOut(e)) {
                    try {
                        sftp.rm(temp);
                    } catch (IOException | RuntimeException gone) {
                        // the temporary file was never created, or the failure keeps it from being removed
                    }
                }
                throw named;
            }
        }

        private <T> T guarded(IoCall<T> call, String path, long remaining) throws IOException {
            try {
                return call.call();
            } catch (IOException | RuntimeException e) {
                throw explain(e, path, remaining);
            }
        }
    }

    private Stat guardedStat(String remote) throws IOException {
        try {
            return stat(remote);
        } catch (IOException | RuntimeException e) {
            throw explain(e, remote, 0);
        }
    }

    private final class Download {
        private final boolean preserve;
        private final LongConsumer transferred;
        private long done;

        Download(boolean preserve, LongConsumer transferred) {
            this.preserve = preserve;
            this.transferred = transferred;
        }

        /** {@code remote} (its attributes {@code s}, links followed) into the new path {@code local}. */
        void tree(String remote, Stat s, Path local) throws IOException {
            if (s.directory()) {
                Files.createDirectory(local);
                List<RemoteResourceInfo> entries;
                try {
                    entries = sftp.ls(remote);
                } catch (IOException | RuntimeException e) {
                    throw explain(e, remote, 0);
                }
                for (RemoteResourceInfo e : entries) {
                    FileAttributes a = e.getAttributes();
                    Stat child = a.getType() == FileMode.Type.SYMLINK ? guardedStat(e.getPath()) : stat(a);
                    tree(e.getPath(), child, local.resolve(e.getName()));
                }
            } else if (s.regular()) {
                file(remote, local);
            } else {
                throw new PathException("not a regular file or directory: " + remote, null);
            }
            if (preserve) {
                Files.setAttribute(local, "unix:uid", s.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(local, "unix:gid", s.gid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(local, "unix:mode", s.permissions(), LinkOption.NOFOLLOW_LINKS);
                Files.getFileAttributeView(local, java.nio.file.attribute.BasicFileAttributeView.class)
                        .setTimes(FileTime.from(s.mtime(), TimeUnit.SECONDS), FileTime.from(s.atime(), TimeUnit.SECONDS), null);
            }
        }

        // Closed only on success, as for uploads: after a failure the close would wait again.
        private void file(String remote, Path local) throws IOException {
            try (OutputStream out = Files.newOutputStream(local, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                RemoteFile f;
                InputStream in;
                try {
                    f = sftp.open(remote);
                    in = f.new ReadAheadRemoteFileInputStream(16);
                } catch (IOException | RuntimeException e) {
                    throw explain(e, remote, 0);
                }
                byte[] buf = new byte[1 << 15];
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException | RuntimeException e) {
                        throw explain(e, remote, 0);
                    }
                    if (n < 0) {
                        break;
                    }
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new java.nio.file.FileSystemException(local.toString(), null, e.getMessage());
                    }
                    done += n;
                    transferred.accept(done);
                }
                try {
                    in.close();
                    f.close();
                } catch (IOException | RuntimeException e) {
                    throw explain(e, remote, 0);
                }
            }
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    /**
     * The failure named after its path. SFTP v3 reports a full or read-only disk as a bare
     * "Failure": the file system's statvfs tells them apart, so that the node's reason says what happened.
     */
    private PathException explain(Throwable e, String path, long remaining) {
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

    private void keepLocalAttributes(Path local, String remote) throws IOException {
        Map<String, Object> a = Files.readAttributes(local, "unix:mode,uid,gid,lastAccessTime,lastModifiedTime");
        setOwnerAndMode(remote, (Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode") & 07777);
        setTimes(remote, ((FileTime) a.get("lastAccessTime")).to(TimeUnit.SECONDS),
                ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS));
    }

    private static int localMode(Path local) throws IOException {
        return (Integer) Files.getAttribute(local, "unix:mode") & 07777;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static Stat stat(FileAttributes a) {
        return new Stat(a.getSize(), a.getMtime(), a.getAtime(), a.getUID(), a.getGID(),
                a.getMode().getPermissionsMask(), a.getType() == FileMode.Type.DIRECTORY, a.getType() == FileMode.Type.REGULAR);
    }

    @Override
    public void close() throws IOException {
        sftp.close();
    }
}
