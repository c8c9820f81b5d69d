package herd.lab.pxe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Enough of iPXE to follow herd's chains: {@code chain}, {@code kernel}, {@code initrd},
 * {@code boot}, {@code sanboot}, {@code exit}, {@code iseq ... && goto L ||}, labels and
 * {@code ${var}} settings; {@code echo}, {@code sleep}, {@code imgstat} are no-ops.
 * <pre>{@code
 * IpxeInterpreter.Outcome o = new IpxeInterpreter(vars, url -> http.get(url)).run("http://10.10.0.1/boot.ipxe");
 * }</pre>
 */
public final class IpxeInterpreter {

    /** How the script ended: boot an installer kernel with {@code args}, boot the local disk, or fail. */
    public record Outcome(Kind kind, String kernel, String args, String detail) {
        public enum Kind { INSTALLER, LOCAL_DISK, FAILED }
    }

    private static final int MAX_CHAIN = 8;

    private final Map<String, String> vars;
    private final Function<String, String> fetch;

    /** {@code fetch}: URL -> body, or null when the server did not answer 200. */
    public IpxeInterpreter(Map<String, String> vars, Function<String, String> fetch) {
        this.vars = vars;
        this.fetch = fetch;
    }

    public Outcome run(String url) {
        return chain(url, 0);
    }

    private Outcome chain(String url, int depth) {
        if (depth > MAX_CHAIN) {
            return failed("chain loop at " + url);
        }
        String script = fetch.apply(url);
        if (script == null || !script.startsWith("#!ipxe")) {
            return failed("no iPXE script at " + url);
        }
        List<String> lines = script.lines().map(String::strip).toList();
        String kernel = null;
        String args = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = subst(lines.get(i));
            String[] w = line.split("\\s+", 2);
            String rest = w.length > 1 ? w[1] : "";
            switch (w[0]) {
                case "chain" -> {
                    return chain(firstWord(rest), depth + 1);
                }
                case "kernel" -> {
                    kernel = firstWord(rest);
                    args = rest.contains(" ") ? rest.substring(rest.indexOf(' ') + 1) : "";
                    if (fetch.apply(kernel) == null) {
                        return failed("kernel not found: " + kernel);
                    }
                }
                case "initrd" -> {
                    if (fetch.apply(firstWord(rest)) == null) {
                        return failed("initrd not found: " + firstWord(rest));
                    }
                }
                case "boot" -> {
                    return kernel == null ? failed("boot without kernel") : new Outcome(Outcome.Kind.INSTALLER, kernel, args, "");
                }
                case "sanboot", "exit" -> {
                    return new Outcome(Outcome.Kind.LOCAL_DISK, null, "", line);
                }
                case "iseq" -> i = iseq(rest, lines, i);
                case "goto" -> i = label(lines, rest.strip(), i);
                default -> { } // echo, sleep, imgstat, labels, comments, #!ipxe
            }
        }
        return failed("script ended without booting: " + url);
    }

    /** {@code iseq A B && goto L ||}: jump when equal. */
    private int iseq(String rest, List<String> lines, int i) {
        String[] w = rest.split("\\s+");
        if (w.length >= 5 && w[2].equals("&&") && w[3].equals("goto") && w[0].equals(w[1])) {
            return label(lines, w[4], i);
        }
        return i;
    }

    private static int label(List<String> lines, String name, int current) {
        int at = lines.indexOf(":" + name);
        return at < 0 ? current : at;
    }

    private String subst(String line) {
        String out = line;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    private static String firstWord(String s) {
        return s.strip().split("\\s+")[0];
    }

    private static Outcome failed(String why) {
        return new Outcome(Outcome.Kind.FAILED, null, "", why);
    }

    /** The installer config URLs named by kernel arguments (kickstart, preseed, autoyast, nocloud). */
    public static List<String> configUrls(String args) {
        List<String> out = new ArrayList<>();
        for (String a : args.split("\\s+")) {
            for (String key : List.of("inst.ks=", "ks=", "preseed/url=", "autoyast=")) {
                if (a.startsWith(key)) {
                    out.add(a.substring(key.length()));
                }
            }
            if (a.startsWith("ds=nocloud-net;s=")) {
                String dir = a.substring("ds=nocloud-net;s=".length());
                out.add(dir + "user-data");
                out.add(dir + "meta-data");
            }
        }
        return out;
    }

    /** What the installer downloads next (stage2, live ISO, install tree, repo), or null. */
    public static String stage2Url(String args) {
        for (String a : args.split("\\s+")) {
            for (String key : List.of("inst.stage2=", "url=", "install=", "inst.repo=")) {
                if (a.startsWith(key)) {
                    return a.substring(key.length());
                }
            }
        }
        return null;
    }
}
