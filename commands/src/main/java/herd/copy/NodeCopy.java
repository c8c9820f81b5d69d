package herd.copy;

import herd.session.NodeOutcome;
import herd.session.Reason;
import herd.ssh.ConnectionPool;
import herd.ssh.FileTransfer;
import herd.ssh.SshException;
import herd.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One node's part of a copy: transfer every source, then compare every file's size. */
final class NodeCopy {

    /** Progress events of one node are at least this far apart. */
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final ConnectionPool pool;
    private final CopyRequest request;
    private final SshTarget target;
    private final CopyListener listener;
    private long bytes;
    private long total = -1;
    private long lastReport;

    NodeCopy(ConnectionPool pool, CopyRequest request, SshTarget target, CopyListener listener) {
        this.pool = pool;
        this.request = request;
        this.target = target;
        this.listener = listener;
    }

    long bytes() {
        return bytes;
    }

    NodeOutcome run() {
        String node = target.node();
        if (Thread.currentThread().isInterrupted()) {
            return NodeOutcome.without(node, Reason.CANCELLED, "cancelled");
        }
        listener.on(new CopyEvent.Started(node));
        FileTransfer sftp;
        try {
            sftp = pool.files(target, request.connectTimeout());
        } catch (SshException e) {
            return e.outcome();
        }
        try {
            String mismatch = request.direction() == CopyRequest.Direction.PUSH ? push(sftp) : pull(sftp);
            listener.on(new CopyEvent.Progress(node, bytes, total < 0 ? bytes : total));
            return mismatch.isEmpty() ? NodeOutcome.exited(node, 0) : new NodeOutcome(node, Reason.FAILED, 1, mismatch);
        } catch (SshException e) {
            return e.outcome();
        } catch (LocalException e) {
            return new NodeOutcome(node, Reason.FAILED, 1, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // sshj fails in many ways once the node is gone (EOF, a closed channel, even its own
            // encoder's exceptions): a closed connection is the reason, whatever the symptom.
            if (FileTransfer.timedOut(e)) {
                // A frozen node: drop its connection now, or each later request waits as long again.
                pool.abort(node);
                return NodeOutcome.without(node, Reason.TIMED_OUT, "timed out: no SFTP answer within "
                        + sftp.requestTimeout().toSeconds() + " s during the copy");
            }
            if (sftp.lost(e)) {
                return NodeOutcome.without(node, Reason.UNREACHABLE, "unreachable: connection lost during the copy");
            }
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new NodeOutcome(node, Reason.FAILED, 1, "sftp: " + m);
        } finally {
            try {
                sftp.close();
            } catch (IOException | RuntimeException closing) {
                // the channel is gone with its node; the outcome above says so
            }
        }
    }

    private String push(FileTransfer sftp) throws IOException {
        total = 0;
        for (String src : request.sources()) {
            total += localSize(Path.of(src));
        }
        String dest = request.dest();
        boolean destIsDir = sftp.isDirectory(dest);
        if (!destIsDir && request.sources().size() > 1) {
            step(() -> sftp.makeDirectories(dest), dest);
            destIsDir = true;
        }
        List<String> problems = new ArrayList<>();
        for (String src : request.sources()) {
            Path local = Path.of(src).toAbsolutePath().normalize();
            // scp semantics: into an existing directory as NAME, else as the destination itself.
            String remoteRoot = destIsDir ? dest + "/" + local.getFileName() : dest;
            long base = bytes;
            step(() -> sftp.upload(local, remoteRoot, request.preserve(), sent -> progress(base + sent)), remoteRoot);
            problems.addAll(compare(sftp, local, remoteRoot));
        }
        return String.join("; ", problems);
    }

    private String pull(FileTransfer sftp) throws IOException {
        Path dir = Path.of(request.dest());
        List<String> problems = new ArrayList<>();
        for (String src : request.sources()) {
            String name = src.replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1);
            Path local = dir.resolve(name + "." + target.node());
            long base = bytes;
            step(() -> sftp.download(src, local, request.preserve(), got -> progress(base + got)), src);
            problems.addAll(compare(sftp, local, src));
        }
        return String.join("; ", problems);
    }

    /** Every regular file under {@code local} against its remote twin: sizes must be equal. */
    private List<String> compare(FileTransfer sftp, Path local, String remoteRoot) throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(local)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String rel = local.relativize(f).toString();
                String remote = rel.isEmpty() ? remoteRoot : remoteRoot + "/" + rel;
                long here = Files.size(f);
                long[] there = {-1};
                step(() -> there[0] = sftp.stat(remote).size(), remote);
                if (here != there[0]) {
                    problems.add("size mismatch: " + remote + " (local " + here + ", remote " + there[0] + ")");
                }
            }
        }
        return problems;
    }

    /** One SFTP operation; its failure names the path it was about. */
    private interface Step {
        void run() throws IOException;
    }

    private static void step(Step step, String path) throws IOException {
        try {
            step.run();
        } catch (SshException | FileTransfer.PathException e) {
            throw e;
        } catch (FileSystemException e) {
            throw new LocalException("local: " + describe(e), e);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IOException(m + ": " + path, e);
        }
    }

    /** A failure of this machine's side of the copy (its disk, its directory), not the node's. */
    private static final class LocalException extends IOException {
        LocalException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A local file error in strerror's words: java.nio puts only the path in the message of
     * most of them ("/proc/x"), and the kind in the class.
     */
    static String describe(IOException e) {
        return e instanceof FileSystemException f ? reason(e) + ": " + f.getFile() : reason(e);
    }

    static String reason(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return String.valueOf(e.getMessage());
        }
        return f.getReason() != null ? f.getReason()
                : f instanceof NoSuchFileException ? "No such file or directory"
                : f instanceof AccessDeniedException ? "Permission denied"
                : f instanceof FileAlreadyExistsException ? "File exists"
                : f instanceof NotDirectoryException ? "Not a directory"
                : f instanceof DirectoryNotEmptyException ? "Directory not empty"
                : f.getClass().getSimpleName();
    }

    private static long localSize(Path p) throws IOException {
        try (Stream<Path> files = Files.walk(p)) {
            long sum = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                sum += Files.size(f);
            }
            return sum;
        }
    }

    /** The node's running total, reported at most every 100 ms. */
    private void progress(long transferred) {
        bytes = transferred;
        long now = System.nanoTime();
        if (now - lastReport >= PROGRESS_EVERY_NANOS) {
            lastReport = now;
            listener.on(new CopyEvent.Progress(target.node(), bytes, total));
        }
    }
}
