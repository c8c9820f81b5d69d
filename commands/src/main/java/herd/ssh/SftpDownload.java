package herd.ssh;

import herd.ssh.FileTransfer.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;

/** One download of {@link FileTransfer#download}: a file or a tree into a new local path. */
final class SftpDownload {
    private final FileTransfer files;
    private final SFTPClient sftp;
    private final boolean preserve;
    private final LongConsumer transferred;
    private long done;

    SftpDownload(FileTransfer files, SFTPClient sftp, boolean preserve, LongConsumer transferred) {
        this.files = files;
        this.sftp = sftp;
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
                throw files.explain(e, remote, 0);
            }
            for (RemoteResourceInfo e : entries) {
                FileAttributes a = e.getAttributes();
                Stat child = a.getType() == FileMode.Type.SYMLINK ? files.guardedStat(e.getPath()) : FileTransfer.stat(a);
                tree(e.getPath(), child, local.resolve(e.getName()));
            }
        } else if (s.regular()) {
            file(remote, local);
        } else {
            throw new FileTransfer.PathException("not a regular file or directory: " + remote, null);
        }
        if (preserve) {
            Files.setAttribute(local, "unix:uid", s.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(local, "unix:gid", s.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(local, "unix:mode", s.permissions(), LinkOption.NOFOLLOW_LINKS);
            Files.getFileAttributeView(local, BasicFileAttributeView.class)
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
                throw files.explain(e, remote, 0);
            }
            byte[] buf = new byte[1 << 15];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException | RuntimeException e) {
                    throw files.explain(e, remote, 0);
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
                throw files.explain(e, remote, 0);
            }
        }
    }
}
