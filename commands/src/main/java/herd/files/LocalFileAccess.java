package herd.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Files on this machine. See {@link FileAccess}. */
public final class LocalFileAccess implements FileAccess {
    private final ProcessRunner runner = new ProcessRunner();

    @Override
    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(Path.of(path));
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public long modified(String path) throws IOException {
        return Files.getLastModifiedTime(Path.of(path)).toMillis();
    }

    @Override
    public void replace(String path, byte[] content) throws IOException {
        // Follow a symlink so that the link stays a link and its target gets the new content.
        Path target = Path.of(path).toRealPath();
        Path dir = target.getParent();
        PosixFileAttributes attrs = Files.readAttributes(target, PosixFileAttributes.class);
        Files.copy(target, Path.of(backupOf(target.toString())), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".herd-tmp");
        try {
            Files.write(tmp, content);
            PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setPermissions(attrs.permissions());
            view.setGroup(attrs.group());
            view.setOwner(attrs.owner());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }

    @Override
    public String tempDir() throws IOException {
        return Files.createTempDirectory("herd-check").toString();
    }

    @Override
    public void create(String path, byte[] content) throws IOException {
        Files.write(Path.of(path), content);
    }

    @Override
    public void deleteTree(String dir) {
        try (Stream<Path> walk = Files.walk(Path.of(dir))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover scratch copy in the temp dir is harmless.
        }
    }

    @Override
    public boolean installed(String program) {
        return ProcessRunner.installed(program);
    }

    @Override
    public ProcessRunner.Result run(List<String> command, String workDir, Duration timeout) throws IOException {
        try {
            return runner.run(command, workDir == null ? null : Path.of(workDir), timeout);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
