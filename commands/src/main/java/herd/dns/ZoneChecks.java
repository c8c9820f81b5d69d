package herd.dns;

import herd.files.FileChecker;
import herd.files.FileProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * herd's own checks of a zone file, before {@code named-checkzone}: address literals, CNAME
 * beside other data, an address with several PTRs. As in DHCP, only problems an edit introduces
 * block it.
 */
final class ZoneChecks {
    private ZoneChecks() {
    }

    static List<FileProblem> problems(ZoneFile z) {
        List<FileProblem> out = new ArrayList<>();
        Map<String, List<ZoneEntry>> byOwner = new LinkedHashMap<>();
        for (ZoneEntry e : z.records()) {
            byOwner.computeIfAbsent(e.owner(), k -> new ArrayList<>()).add(e);
            String v = e.rdata().isEmpty() ? "" : e.rdata().get(0).text();
            if (e.type().equals("A") && !DnsNames.isIpv4(v)) {
                out.add(at(z, e, "A record of " + e.owner() + ": bad IPv4 address '" + v + "'"));
            } else if (e.type().equals("AAAA") && !DnsNames.isIpv6(v)) {
                out.add(at(z, e, "AAAA record of " + e.owner() + ": bad IPv6 address '" + v + "'"));
            }
        }
        byOwner.forEach((owner, entries) -> {
            List<ZoneEntry> cnames = entries.stream().filter(e -> e.type().equals("CNAME")).toList();
            if (!cnames.isEmpty() && entries.size() > 1) {
                out.add(at(z, cnames.get(0), owner + " has a CNAME and other records"));
            }
            List<ZoneEntry> ptrs = entries.stream().filter(e -> e.type().equals("PTR")).toList();
            if (ptrs.size() > 1) {
                out.add(at(z, ptrs.get(1), owner + " has several PTR records: "
                        + String.join(", ", ptrs.stream().map(ZoneEntry::data).toList())));
            }
        });
        return out;
    }

    static FileChecker checker(ZoneFile before) {
        List<String> old = problems(before).stream().map(FileProblem::message).toList();
        return (path, proposed) -> problems(ZoneFile.parse(path, before.zone(), proposed)).stream()
                .filter(p -> !old.contains(p.message())).toList();
    }

    private static FileProblem at(ZoneFile z, ZoneEntry e, String message) {
        return new FileProblem(z.path(), e.line(), message);
    }
}
