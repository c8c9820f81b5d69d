package herd.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every node's serial console in one thread: a listening socket per node on
 * {@code sshHost:consolePort}, to which that node's ipmi_sim connects (as a TCP client) for SOL.
 */
final class ConsoleServer implements AutoCloseable {
    private final Selector selector;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final ExecutorService commands = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "console-command");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    /** One node's console with its BMC connection and the bytes waiting to go out. */
    private final class Line {
        final Console console;
        final Deque<ByteBuffer> pending = new ArrayDeque<>();
        SocketChannel channel;

        Line(LabNode node, LabDir dir) {
            this.console = new Console(node, dir, this::queue, commands);
        }

        void queue(byte[] data) {
            synchronized (pending) {
                if (channel != null) {
                    pending.add(ByteBuffer.wrap(data));
                }
            }
            selector.wakeup();
        }
    }

    ConsoleServer(LabDir dir, List<LabNode> nodes) throws IOException {
        this.selector = Selector.open();
        for (LabNode node : nodes) {
            Line line = new Line(node, dir);
            ServerSocketChannel server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(node.sshHost(), node.consolePort()));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT, line);
            lines.put(node.name(), line);
        }
    }

    /** The console of node {@code name}, or null if the lab has no such node. */
    Console console(String name) {
        Line line = lines.get(name);
        return line == null ? null : line.console;
    }

    Iterable<String> names() {
        return lines.keySet();
    }

    /** Serves until {@link #close()}. */
    void serve() throws IOException {
        while (running) {
            selector.select(1000);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (key.isValid() && key.isAcceptable()) {
                    accept(key);
                } else if (key.isValid() && key.isReadable()) {
                    read(key);
                }
            }
            for (Line line : lines.values()) {
                flush(line);
            }
        }
    }

    private void accept(SelectionKey key) throws IOException {
        Line line = (Line) key.attachment();
        SocketChannel ch = ((ServerSocketChannel) key.channel()).accept();
        if (ch == null) {
            return;
        }
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, line);
        synchronized (line.pending) {
            if (line.channel != null) {
                line.channel.close();
            }
            line.channel = ch;
            line.pending.clear();
        }
        line.console.connected();
    }

    private void read(SelectionKey key) {
        Line line = (Line) key.attachment();
        SocketChannel ch = (SocketChannel) key.channel();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        int n;
        try {
            n = ch.read(buf);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            drop(line, ch);
            return;
        }
        byte[] data = new byte[n];
        buf.flip().get(data);
        line.console.input(data);
    }

    private void flush(Line line) {
        synchronized (line.pending) {
            SocketChannel ch = line.channel;
            try {
                while (ch != null && !line.pending.isEmpty()) {
                    ByteBuffer head = line.pending.peek();
                    ch.write(head);
                    if (head.hasRemaining()) {
                        return;
                    }
                    line.pending.poll();
                }
            } catch (IOException e) {
                line.pending.clear();
            }
        }
    }

    private void drop(Line line, SocketChannel ch) {
        synchronized (line.pending) {
            if (line.channel == ch) {
                line.channel = null;
                line.pending.clear();
            }
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a dead connection
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        commands.shutdownNow();
    }
}
