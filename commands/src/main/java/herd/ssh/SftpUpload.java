package herd.ssh;

import herd.ssh.FileTransfer.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;

/** One upload of {@link FileTransfer#upload}: a file or a tree, each file under a temporary name, then renamed. */
final class SftpUpload {
    private final FileTransfer files;
    private final SFTPClient sftp;
    private final boolean preserve;
    private final LongConsumer transferred;
    private long done;

    SftpUpload(FileTransfer files, SFTPClient sftp, boolean preserve, LongConsumer transferred) {
        this.files = files;
        this.sftp = sftp;
        this.preserve = preserve;
        this.transferred = transferred;
    }

    void tree(Path local, String remote) throws IOException {
        if (!Files.isDirectory(local)) {
            file(local, remote);
            return;
        }
        Stat there = guarded(() -> files.find(remote), remote, 0);
        if (there == null) {
            guarded(() -> {
                sftp.mkdir(remote);
                return null;
            }, remote, 0);
        } else if (!there.directory()) {
            throw new FileTransfer.PathException("not a directory: " + remote, null);
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
                files.keepLocalAttributes(local, remote);
                return null;
            }, remote, 0);
        }
    }

    private void file(Path local, String remote) throws IOException {
        long size = Files.size(local);
        Stat old = guarded(() -> files.find(remote), remote, 0);
        if (old != null && old.directory()) {
            throw new FileTransfer.PathException("is a directory: " + remote, null);
        }
        // Through a link to its file, as scp and cp write: the link stays a link.
        String real = old == null ? remote : guarded(() -> files.canonical(remote), remote, 0);
        int slash = real.lastIndexOf('/');
        String temp = real.substring(0, slash + 1) + "." + real.substring(slash + 1) + FileTransfer.TEMP_MARK
                + Long.toHexString(FileTransfer.RANDOM.nextLong());
        long[] written = {0};
        try {
            int mode = preserve ? FileTransfer.localMode(local) : old != null ? old.permissions() : -1;
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
                files.keepLocalAttributes(local, temp);
            } else if (old != null) {
                files.setOwnerAndMode(temp, old.uid(), old.gid(), old.permissions());
            }
            files.replaceWith(temp, real);
        } catch (IOException | RuntimeException e) {
            FileTransfer.PathException named = files.explain(e, remote, size - written[0]);
            // a node that does not answer would make the removal wait as long again
            if (files.connected() && !FileTransfer.timedOut(e)) {
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
            throw files.explain(e, path, remaining);
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }
}
