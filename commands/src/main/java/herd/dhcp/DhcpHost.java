package herd.dhcp;

import java.util.List;
import java.util.Optional;

/**
 * A {@code host NAME { ... }} block as written, wherever it sits (global, subnet,
 * shared-network, group, nested). Offsets point into the parsed text.
 *
 * @param parent offset of the '{' of the enclosing block, -1 at the top level of the file
 * @param scope the enclosing blocks, outermost first, as written ("subnet 10.10.0.0 netmask ...")
 * @param subnet the innermost enclosing subnet, if any
 */
record DhcpHost(String name, int start, int open, int close, int parent, List<DhcpStatement> statements,
        List<String> scope, Optional<DhcpSubnet> subnet) {

    Optional<DhcpStatement> statement(String key) {
        return statements.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    String field(String key) {
        return statement(key).map(DhcpStatement::value).orElse("");
    }

    String mac() {
        return field("hardware ethernet");
    }

    /** The first fixed address (an IPv4 literal or a DNS name), "" when none. */
    String ip() {
        return field("fixed-address");
    }

    /** Every fixed address: {@code fixed-address 10.10.1.1, 10.20.1.1;} has two. */
    List<String> addresses() {
        return statement("fixed-address").map(DhcpStatement::values).orElse(List.of());
    }

    /** The first IPv4 literal among the fixed addresses, -1 when none (a DNS name, or no address). */
    long ipv4() {
        return addresses().stream().mapToLong(DhcpSubnet::ipv4).filter(v -> v >= 0).findFirst().orElse(-1);
    }

    DhcpHost in(DhcpSubnet s) {
        return new DhcpHost(name, start, open, close, parent, statements, scope, Optional.of(s));
    }
}
