package herd.dhcp;

import herd.files.FileChecker;
import herd.files.FileProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * herd's own checks of a dhcpd.conf, the ones {@code dhcpd -t} does not make: MAC format (a
 * 5-octet MAC passes dhcpd), duplicate MAC, IP and name, fixed address outside every declared
 * subnet. Messages carry no line numbers so that a problem already in the hand-kept file can be
 * told apart from one an edit would introduce ({@link #introducedBy}).
 */
public final class DhcpChecks {
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2}){5}");

    private DhcpChecks() {
    }

    /** True for a 6-octet Ethernet address written {@code xx:xx:xx:xx:xx:xx}. */
    public static boolean validMac(String mac) {
        return MAC.matcher(mac).matches();
    }

    /** The canonical form: lower case, two digits per octet. */
    public static String canonicalMac(String mac) {
        StringBuilder b = new StringBuilder();
        for (String octet : mac.split(":")) {
            b.append(b.length() > 0 ? ":" : "").append(octet.length() == 1 ? "0" : "").append(octet);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code mac} (canonical) written as {@code like} is: upper-case hex digits where it has them,
     * no leading zeros where one of its octets has a single digit.
     */
    static String inNotationOf(String mac, String like) {
        boolean upper = like.chars().anyMatch(c -> c >= 'A' && c <= 'F');
        boolean unpadded = Arrays.stream(like.split(":")).anyMatch(o -> o.length() == 1);
        StringBuilder b = new StringBuilder();
        for (String octet : mac.split(":")) {
            String o = unpadded && octet.length() == 2 && octet.charAt(0) == '0' ? octet.substring(1) : octet;
            b.append(b.length() > 0 ? ":" : "").append(upper ? o.toUpperCase(Locale.ROOT) : o);
        }
        return b.toString();
    }

    /** Every problem of the file. */
    public static List<FileProblem> problems(DhcpConf conf) {
        List<FileProblem> out = new ArrayList<>();
        Map<String, List<DhcpHost>> byMac = new LinkedHashMap<>();
        Map<String, List<DhcpHost>> byIp = new LinkedHashMap<>();
        Map<String, List<DhcpHost>> byName = new LinkedHashMap<>();
        for (DhcpHost h : conf.hosts()) {
            Optional<DhcpStatement> hw = h.statement("hardware ethernet");
            if (hw.isPresent() && !validMac(h.mac())) {
                out.add(at(conf, hw.get().start(), "host " + h.name() + ": bad MAC address '" + h.mac()
                        + "' (expected 6 octets like 08:00:27:18:68:bc)"));
            } else if (hw.isPresent()) {
                byMac.computeIfAbsent(canonicalMac(h.mac()), k -> new ArrayList<>()).add(h);
            }
            for (String ip : h.addresses()) {
                byIp.computeIfAbsent(ip.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h);
            }
            subnetProblem(conf, h).ifPresent(out::add);
            byName.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h);
        }
        duplicates(conf, byMac, "MAC", out);
        duplicates(conf, byIp, "fixed-address", out);
        duplicates(conf, byName, "host name", out);
        return out;
    }

    /** The problems of {@code after} that {@code before} did not already have. */
    public static List<FileProblem> introducedBy(DhcpConf before, DhcpConf after) {
        List<String> old = problems(before).stream().map(FileProblem::message).toList();
        return problems(after).stream().filter(p -> !old.contains(p.message())).toList();
    }

    /**
     * A {@link FileChecker} for edits: parse errors and introduced problems; {@code including} are
     * the subnets of the file that includes this one (empty when none is known).
     */
    static FileChecker checker(DhcpConf before, List<DhcpSubnet> including) {
        return (path, proposed) -> introducedBy(before, DhcpConf.parse(path, proposed).within(including));
    }

    /**
     * An IPv4 fixed address no subnet declares, or a host whose addresses all lie outside the
     * subnet it is declared in. DNS names are dhcpd's to resolve; a fragment with no subnet of its
     * own, and no known file including it, has nothing to check against.
     */
    private static Optional<FileProblem> subnetProblem(DhcpConf conf, DhcpHost h) {
        List<String> ips = h.addresses().stream().filter(ip -> DhcpSubnet.ipv4(ip) >= 0).toList();
        List<DhcpSubnet> subnets = conf.allSubnets();
        if (ips.isEmpty() || subnets.isEmpty()) {
            return Optional.empty();
        }
        int line = h.statement("fixed-address").map(DhcpStatement::start).orElse(h.start());
        if (h.subnet().isPresent() && ips.stream().noneMatch(ip -> h.subnet().get().contains(ip))) {
            return Optional.of(at(conf, line, "host " + h.name() + ": fixed-address " + ips.get(0)
                    + " is outside its subnet " + h.subnet().get().cidr()));
        }
        for (String ip : ips) {
            if (subnets.stream().noneMatch(s -> s.contains(ip))) {
                return Optional.of(at(conf, line, "host " + h.name() + ": fixed-address " + ip
                        + " is outside every declared subnet"));
            }
        }
        return Optional.empty();
    }

    private static void duplicates(DhcpConf conf, Map<String, List<DhcpHost>> index, String what,
            List<FileProblem> out) {
        index.forEach((value, hosts) -> {
            if (hosts.size() > 1) {
                List<String> names = hosts.stream().map(DhcpHost::name).toList();
                out.add(at(conf, hosts.get(1).start(), what + " " + value + " used by several hosts: "
                        + String.join(", ", names)));
            }
        });
    }

    private static FileProblem at(DhcpConf conf, int offset, String message) {
        return new FileProblem(conf.path(), conf.lineOf(offset), message);
    }
}
