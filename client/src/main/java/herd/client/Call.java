package herd.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asks of a session: herd's own command line, where and by whom it was typed. The
 * server trusts the user only from the socket (SO_PEERCRED), never from here; the pid is checked
 * against that user.
 *
 * @param args     the herd command line ({@code -c LINE}, {@code FILE.csh}, {@code session status}...)
 * @param cwd      the client's working directory (relative batch files are read from there)
 * @param pid      the client's process id
 * @param terminal the client's stdin and stdout are a terminal
 * @param noWait   refuse instead of waiting while another call runs
 * @param env      the client's variables the session heeds: SUDO_USER (audit), NO_COLOR, and
 *                 HERD_STDIN_TTY=0 (the launcher saw a pipe on stdin: a batch to read from it)
 */
public record Call(List<String> args, String cwd, long pid, boolean terminal, boolean noWait, Map<String, String> env) {

    /** The variables a call carries to the session. */
    public static final List<String> CARRIED = List.of("SUDO_USER", "NO_COLOR", "HERD_STDIN_TTY");

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a);
            }
            out.writeUTF(cwd);
            out.writeLong(pid);
            out.writeBoolean(terminal);
            out.writeBoolean(noWait);
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Call decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int n = in.readInt();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(in.readUTF());
        }
        String cwd = in.readUTF();
        long pid = in.readLong();
        boolean terminal = in.readBoolean();
        boolean noWait = in.readBoolean();
        int m = in.readInt();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            env.put(in.readUTF(), in.readUTF());
        }
        return new Call(List.copyOf(args), cwd, pid, terminal, noWait, env);
    }
}
