package herd.lab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The serial console of one lab node, as its BMC's SOL sees it: silent while the node is off;
 * on each boot a boot log and a login prompt; then it echoes what is typed, takes any user name
 * as a login, and runs each typed line with {@code sh} inside the node's namespaces (its
 * hostname, the lab's /root), printing the output and a prompt. {@code exit} logs out.
 */
final class Console {
    private final LabNode node;
    private final LabDir dir;
    private final Consumer<byte[]> out;
    private final Executor commands;
    private final StringBuilder line = new StringBuilder();
    private String power = "";
    private boolean on;
    private boolean loggedIn;
    private boolean busy;
    private boolean lastWasCr;

    Console(LabNode node, LabDir dir, Consumer<byte[]> out, Executor commands) {
        this.node = node;
        this.dir = dir;
        this.out = out;
        this.commands = commands;
    }

    LabNode node() {
        return node;
    }

    /**
     * The node's power file changed to {@code state} ("1 PID" or "0"). A new "1 PID" is a boot;
     * {@code quiet} takes the state without printing (the lab was already up when we started).
     */
    synchronized void power(String state, boolean quiet) {
        String s = state.strip();
        if (s.isEmpty() || s.equals(power)) {
            return;
        }
        power = s;
        on = s.startsWith("1");
        loggedIn = false;
        line.setLength(0);
        if (on && !quiet) {
            send(bootLog());
        }
    }

    /** The BMC (re)connected: show where the console stands. */
    synchronized void connected() {
        if (on) {
            send(loggedIn ? "\r\n" + prompt() : "\r\n" + node.name() + " login: ");
        }
    }

    /** Bytes typed on the SOL session. */
    synchronized void input(byte[] data) {
        // The power file, not only its watcher's event (which may lag): keys typed once a power
        // off has returned must reach no console.
        Path powerFile = dir.root().resolve("power").resolve(node.name());
        if (powerFile.toFile().exists()) {
            power(LabDir.read(powerFile), false);
        }
        if (!on || busy) {
            return;
        }
        for (byte b : data) {
            char c = (char) (b & 0xff);
            if (c == '\r' || c == '\n') {
                if (c == '\n' && line.length() == 0 && lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = c == '\r';
                send("\r\n");
                enter(line.toString().strip());
                line.setLength(0);
            } else if (c == 0x7f || c == 0x08) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    send("\b \b");
                }
            } else if (c >= ' ' && c < 0x7f) {
                lastWasCr = false;
                line.append(c);
                send(String.valueOf(c));
            }
        }
    }

    private void enter(String typed) {
        if (!loggedIn) {
            if (!typed.isEmpty()) {
                loggedIn = true;
                send("Last login: on ttyS0\r\n" + prompt());
            } else {
                send(node.name() + " login: ");
            }
            return;
        }
        if (typed.equals("exit") || typed.equals("logout")) {
            loggedIn = false;
            send("\r\n" + node.name() + " login: ");
            return;
        }
        if (typed.isEmpty()) {
            send(prompt());
            return;
        }
        busy = true;
        String pid = power.length() > 2 ? power.substring(2).strip() : "";
        commands.execute(() -> run(pid, typed));
    }

    private void run(String initPid, String command) {
        String output;
        try {
            Procs.Result r = Procs.run(List.of("nsenter", "-t", initPid, "-m", "-u", "-i", "-n", "-p", "--", "sh", "-c",
                    "cd /root && " + command), Duration.ofSeconds(20));
            output = r.output();
        } catch (LabException e) {
            output = e.getMessage() + "\n";
        }
        synchronized (this) {
            busy = false;
            if (on) {
                send(output.replace("\r\n", "\n").replace("\n", "\r\n") + prompt());
            }
        }
    }

    private String prompt() {
        return "[root@" + node.name() + " ~]# ";
    }

    private String bootLog() {
        Path boot = dir.node(node.name()).resolve("boot");
        String device = boot.toFile().exists() ? LabDir.read(boot).strip() : "none";
        String n = node.name();
        return String.join("\r\n",
                "",
                "herd lab BIOS 1.0 - " + n + " (BMC 127.0.0.1:" + node.bmcPort() + ")",
                "Boot device: " + device,
                "[    0.000000] Linux version 5.14.0-herd-lab (herd lab) #1 SMP",
                "[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=/dev/vda1 console=ttyS0,115200",
                "[    0.412345] eth0: link up, address " + node.mac(),
                "[    1.024681] systemd[1]: Hostname set to <" + n + ">.",
                "[  OK  ] Started OpenSSH server daemon.",
                "[  OK  ] Reached target Multi-User System.",
                "",
                "herd lab Linux 9 (" + n + ", " + node.ip() + ")",
                "Kernel 5.14.0-herd-lab on an x86_64",
                "",
                n + " login: ");
    }

    private void send(String text) {
        out.accept(text.getBytes(StandardCharsets.UTF_8));
    }

    /** For the agent's status line. */
    synchronized boolean isOn() {
        return on;
    }
}
