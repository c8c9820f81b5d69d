package herd.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/** Files on this machine. See {@link FileAccess}. */
public final class LocalFileAccess implements FileAccess {

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
}
