package herd.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Is an sshd answering? A TCP connect and its {@code SSH-} banner, within a short timeout. */
final class SshProbe {

    private SshProbe() {
    }

    static boolean answers(InetSocketAddress address, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(address, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            InputStream in = s.getInputStream();
            byte[] banner = new byte[4];
            int n = in.readNBytes(banner, 0, 4);
            return n == 4 && new String(banner, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }
}
