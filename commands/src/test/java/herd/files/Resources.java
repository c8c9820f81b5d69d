package herd.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test resources as lossless text. */
public final class Resources {
    private Resources() {
    }

    public static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/herd/net/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Text.decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
