package herd.lab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code herd lab up|status|down|shell}: the lab from the command line (no Spring, starts fast).
 *
 * <pre>
 * herd lab up 200 --extra odin --no-dhcp      # 200 compute nodes + odin, in /tmp/herd-lab
 * herd lab status
 * herd lab shell                              # up (or reuse), then the shell on it
 * herd lab fault valkyrie[02-03] hang --for 30s
 * herd lab fault dhcpd-down                  # a service's fault: no nodes
 * herd lab fault clear valkyrie02            # its faults; no NODESET: every fault
 * herd lab down                              # also clears every fault
 * </pre>
 */
public final class LabMain {
    static final Path DEFAULT_DIR = Path.of("/tmp/herd-lab");
    private static final String USAGE = String.join("\n",
            "usage: herd lab up [N] [--dir DIR] [--extra odin,thor,heimdall] [--redfish] [--no-bmc] [--no-dns] [--no-dhcp]",
            "       herd lab status [--dir DIR]",
            "       herd lab down [--dir DIR]",
            "       herd lab shell [N] [--dir DIR] [--extra ...] [--redfish] [--no-bmc] [--no-dns] [--no-dhcp]",
            "       herd lab fault NODESET KIND [--for DURATION] [--dir DIR]   (a node's fault)",
            "       herd lab fault KIND [--for DURATION] [--dir DIR]           (a service's: dhcpd-down, named-down, http-down)",
            "       herd lab fault clear [NODESET|lab] [KIND] [--dir DIR]      (no NODESET: every fault)",
            "DURATION: 500ms, 30s, 2m, 1h. Fault kinds (real breakage; see docs/lab.md, Faults):") + kinds();

    private final PrintStream out;
    private final PrintStream err;

    LabMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new LabMain(System.out, System.err).run(args));
    }

    /** Runs one command; returns the exit status (0 ok, 1 failure, 2 usage). */
    int run(String... args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            if (args[0].equals("fault")) {
                fault(Arrays.copyOfRange(args, 1, args.length));
                return 0;
            }
            Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
            switch (args[0]) {
                case "up" -> up(o);
                case "status" -> status(o);
                case "down" -> down(o);
                case "shell" -> shell(o);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("herd lab: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (LabException e) {
            err.println("herd " + e.getMessage());
            return 1;
        }
    }

    private void up(Options o) {
        boolean wasUp = Lab.isRunning(o.dir);
        Lab lab = Lab.upPersistent(o.spec());
        if (wasUp) {
            out.println("herd lab: already up in " + lab.dir() + " (" + lab.nodes().size()
                    + " nodes); 'herd lab down' first to change it");
        } else {
            out.printf("herd lab: %d nodes up in %.1f s (%s)%n", lab.nodes().size(),
                    lab.startTime().toMillis() / 1000.0, services(lab.spec()));
        }
        out.println("inventory: " + lab.inventoryFile());
        out.println("try:       herd --inventory " + lab.inventoryFile());
        out.println("           ssh -F " + lab.sshConfig() + " " + lab.nodes().get(0).name() + " hostname");
    }

    /**
     * The first half of {@code herd lab shell}: starts the lab, or reuses the one running in the
     * directory, says which on stderr and prints its inventory on stdout for the launcher, which
     * then opens the shell on it.
     */
    private void shell(Options o) {
        boolean wasUp = Lab.isRunning(o.dir);
        Lab lab = Lab.upPersistent(o.spec());
        String down = "'herd lab down" + (o.dir.equals(DEFAULT_DIR) ? "" : " --dir " + o.dir) + "'";
        int n = lab.nodes().size();
        String nodes = n + (n == 1 ? " node" : " nodes");
        if (wasUp) {
            err.println("herd lab: using the lab running in " + lab.dir() + " (" + nodes + "); " + down + " ends it");
        } else {
            err.printf("herd lab: %s up in %.1f s in %s (%s); 'exit' leaves it running, %s ends it%n",
                    nodes, lab.startTime().toMillis() / 1000.0, lab.dir(), services(lab.spec()), down);
        }
        out.println(lab.inventoryFile());
    }

    private void status(Options o) {
        if (!Lab.isRunning(o.dir)) {
            out.println("herd lab: no lab running in " + o.dir);
            return;
        }
        Lab lab = Lab.attach(o.dir);
        LabStatus status = LabStatus.of(lab);
        status.print(out);
    }

    private void down(Options o) {
        boolean running = Lab.isRunning(o.dir);
        Lab.down(o.dir);
        out.println(running ? "herd lab: down, " + o.dir + " removed" : "herd lab: nothing running in " + o.dir + " (cleaned)");
    }

    private static String kinds() {
        StringBuilder b = new StringBuilder();
        for (FaultKind k : FaultKind.values()) {
            b.append("\n  ").append(String.format("%-15s", k.word())).append(k.what());
        }
        return b.toString();
    }

    /** {@code fault NODESET KIND [--for D]}, {@code fault KIND [--for D]} (a service's) and {@code fault clear [TARGETS] [KIND]}. */
    private void fault(String[] args) {
        Path dir = DEFAULT_DIR;
        java.util.Optional<java.time.Duration> duration = java.util.Optional.empty();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(Options.value(args, ++i, "--dir")).toAbsolutePath().normalize();
                case "--for" -> duration = java.util.Optional.of(duration(Options.value(args, ++i, "--for")));
                default -> {
                    if (args[i].startsWith("-")) {
                        throw new UsageException("unknown option '" + args[i] + "'");
                    }
                    words.add(args[i]);
                }
            }
        }
        boolean clear = !words.isEmpty() && words.get(0).equals("clear");
        if (clear) {
            words.remove(0);
        }
        java.util.Optional<FaultKind> kind = java.util.Optional.empty();
        if (!words.isEmpty() && FaultKind.isKind(words.get(words.size() - 1))) {
            kind = java.util.Optional.of(FaultKind.of(words.remove(words.size() - 1)));
        }
        if (words.size() > 1 || (!clear && kind.isEmpty())) {
            String last = words.isEmpty() ? "" : words.get(words.size() - 1);
            throw new UsageException(words.isEmpty() ? "fault needs a KIND"
                    : kind.isEmpty() && !clear ? "unknown fault '" + last + "' (known: " + FaultKind.words() + ")"
                    : "unexpected '" + words.get(1) + "'");
        }
        if (clear && duration.isPresent()) {
            throw new UsageException("--for is for planting a fault, not clearing");
        }
        if (!Lab.isRunning(dir)) {
            throw new LabException("lab: no lab running in " + dir);
        }
        Lab lab = Lab.attach(dir);
        List<String> targets = words.isEmpty() ? List.of() : targets(lab, words.get(0));
        if (clear) {
            List<Fault> cleared = lab.faults().clear(targets, kind);
            out.println(cleared.isEmpty() ? "herd lab: no fault to clear"
                    : "herd lab: cleared " + String.join(", ", cleared.stream().map(f -> f.target() + " " + f.kind()).toList()));
            return;
        }
        FaultKind k = kind.get();
        if (targets.isEmpty()) {
            if (k.perNode()) {
                throw new UsageException("fault " + k + " needs a NODESET");
            }
            targets = List.of(Fault.LAB);
        }
        lab.faults().plant(targets, k, duration);
        out.println("herd lab: " + k + " on " + (k.perNode() ? herd.nodeset.NodeSet.fromNames(targets).toString() : "the lab")
                + duration.map(d -> " for " + d.toMillis() / 1000.0 + " s").orElse(" until 'herd lab fault clear'"));
    }

    /** {@code lab} (the services) or a node set, each node one of the lab's. */
    private static List<String> targets(Lab lab, String expr) {
        if (expr.equals(Fault.LAB)) {
            return List.of(Fault.LAB);
        }
        List<String> names;
        try {
            names = herd.nodeset.NodeSet.parse(expr).expand();
        } catch (RuntimeException e) {
            throw new UsageException("bad NODESET '" + expr + "': " + e.getMessage());
        }
        for (String n : names) {
            if (lab.nodes().stream().noneMatch(l -> l.name().equals(n))) {
                throw new LabException("lab: no node " + n + " in " + lab.dir());
            }
        }
        return names;
    }

    /** 30s, 2m, 500ms, 1h; a bare number is seconds. */
    static java.time.Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)(ms|s|m|h)?").matcher(text);
        if (!m.matches()) {
            throw new UsageException("bad DURATION '" + text + "' (e.g. 30s, 500ms, 2m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        java.time.Duration d = switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UsageException("DURATION must be more than 0");
        }
        return d;
    }

    private static String services(LabSpec spec) {
        List<String> s = new ArrayList<>(List.of("ssh"));
        if (spec.bmc()) {
            s.add(spec.redfish() ? "bmc+sol, redfish (https, lab CA)" : "bmc+sol");
        }
        if (spec.dns()) {
            s.add("dns");
        }
        if (spec.dhcp()) {
            s.add("dhcp");
        }
        if (spec.pxe()) {
            s.add("pxe (http://10.10.0.1/, profile compute)");
        }
        return String.join(", ", s);
    }

    /** A bad command line. */
    private static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed options of every lab command. */
    private static final class Options {
        Path dir = DEFAULT_DIR;
        int nodes = 4;
        List<String> extras = List.of();
        boolean bmc = true;
        boolean dns = true;
        boolean dhcp = true;
        boolean redfish;

        LabSpec spec() {
            return LabSpec.builder().nodes(nodes).extras(extras).bmc(bmc).dns(dns).dhcp(dhcp).redfish(redfish).dir(dir)
                    .build();
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--dir" -> o.dir = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    case "--extra" -> o.extras = Arrays.asList(value(args, ++i, a).split(","));
                    case "--no-bmc" -> o.bmc = false;
                    case "--redfish" -> o.redfish = true;
                    case "--no-dns" -> o.dns = false;
                    case "--no-dhcp" -> o.dhcp = false;
                    default -> o.nodes = count(a);
                }
            }
            return o;
        }

        static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        private static int count(String word) {
            try {
                return Integer.parseInt(word);
            } catch (NumberFormatException e) {
                throw new UsageException("unknown option or node count '" + word + "'");
            }
        }
    }
}
