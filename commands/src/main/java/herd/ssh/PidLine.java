package herd.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standard error of a remote command whose first line, {@code herd-pid:N}, names the remote shell's
 * process group; that line is taken out, and N kept for {@link RemoteCommand#kill()}. Any other first
 * line is passed through untouched.
 */
final class PidLine extends InputStream {

    /** Prefix for the command line: the remote shell (a session leader) tells its process id. */
    static final String ANNOUNCE = "echo herd-pid:$$ >&2; ";

    private static final Pattern LINE = Pattern.compile("herd-pid:(\\d+)\n");
    private static final int LONGEST = 32;

    private final InputStream in;
    private final CompletableFuture<Long> pid;
    private byte[] pending = new byte[0];
    private int pos;
    private boolean checked;

    PidLine(InputStream in, CompletableFuture<Long> pid) {
        this.in = in;
        this.pid = pid;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!checked) {
            checkFirstLine();
        }
        if (pos < pending.length) {
            int n = Math.min(len, pending.length - pos);
            System.arraycopy(pending, pos, b, off, n);
            pos += n;
            return n;
        }
        return in.read(b, off, len);
    }

    private void checkFirstLine() throws IOException {
        checked = true;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while (head.size() < LONGEST && (c = in.read()) >= 0) {
            head.write(c);
            if (c == '\n') {
                break;
            }
        }
        String text = head.toString(StandardCharsets.UTF_8);
        Matcher m = LINE.matcher(text);
        if (m.matches()) {
            pid.complete(Long.parseLong(m.group(1)));
        } else {
            pid.complete(-1L);
            pending = head.toByteArray();
        }
    }
}
