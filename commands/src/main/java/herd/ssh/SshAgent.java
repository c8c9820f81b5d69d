package herd.ssh;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * A client of ssh-agent (draft-miller-ssh-agent) over its Unix socket ({@code $SSH_AUTH_SOCK}):
 * lists the agent's keys and has it sign authentication requests, so that private keys never enter
 * herd. Ed25519 and ECDSA keys are offered; RSA keys are skipped (their signature flags would have
 * to follow sshj's algorithm choice).
 */
final class SshAgent {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;

    private final Path socket;

    SshAgent(Path socket) {
        this.socket = socket;
    }

    /** One authentication method per usable key in the agent (none when the agent is unreachable). */
    List<AuthMethod> methods() {
        List<AuthMethod> methods = new ArrayList<>();
        try {
            Buffer.PlainBuffer answer = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES), IDENTITIES_ANSWER);
            long count = answer.readUInt32();
            for (long i = 0; i < count; i++) {
                byte[] blob = answer.readBytes();
                answer.readString();
                PublicKey key = new Buffer.PlainBuffer(blob).readPublicKey();
                KeyType type = KeyType.fromKey(key);
                if (type == KeyType.ED25519 || type.toString().startsWith("ecdsa")) {
                    methods.add(new AgentAuth(key, blob));
                }
            }
        } catch (IOException e) {
            // No agent, or a broken one: authenticate with key files only, as OpenSSH does.
        }
        return methods;
    }

    private byte[] sign(byte[] blob, byte[] data) throws IOException {
        Buffer.PlainBuffer req = new Buffer.PlainBuffer().putByte(SIGN_REQUEST).putString(blob).putString(data).putUInt32(0);
        return call(req, SIGN_RESPONSE).readBytes();
    }

    private Buffer.PlainBuffer call(Buffer.PlainBuffer request, byte expected) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] body = request.getCompactData();
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer len = read(ch, 4);
            ByteBuffer reply = read(ch, len.getInt());
            Buffer.PlainBuffer buf = new Buffer.PlainBuffer(reply.array());
            byte type = buf.readByte();
            if (type != expected) {
                throw new IOException(socket + ": ssh-agent answered message " + type + ", expected " + expected);
            }
            return buf;
        } catch (Buffer.BufferException e) {
            throw new IOException(socket + ": bad ssh-agent answer: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
        if (n < 0 || n > 256 * 1024) {
            throw new IOException("ssh-agent message of " + n + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("ssh-agent closed the connection");
            }
        }
        return b.flip();
    }

    /** sshj's public-key method, with the signature made by the agent. */
    private final class AgentAuth extends AuthPublickey {
        private final byte[] blob;

        AgentAuth(PublicKey key, byte[] blob) {
            super(new KeyProvider() {
                @Override
                public java.security.PrivateKey getPrivate() throws IOException {
                    throw new IOException("the private key stays in ssh-agent");
                }

                @Override
                public PublicKey getPublic() {
                    return key;
                }

                @Override
                public KeyType getType() {
                    return KeyType.fromKey(key);
                }
            });
            this.blob = blob;
        }

        @Override
        protected SSHPacket putSig(SSHPacket request) throws UserAuthException {
            byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID())
                    .putBuffer(request).getCompactData();
            try {
                request.putString(sign(blob, data));
                return request;
            } catch (IOException e) {
                throw new UserAuthException("ssh-agent could not sign: " + e.getMessage(), e);
            }
        }
    }
}
