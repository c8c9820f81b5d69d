package herd.dhcp;

import java.util.List;
import java.util.Optional;

/**
 * A {@code host NAME { ... }} block as written, wherever it sits (global, subnet,
 * shared-network, group, nested). Offsets point into the parsed text.
 *
 * @param scope the enclosing blocks, outermost first, as written ("subnet 10.10.0.0 netmask ...")
 * @param subnet the innermost enclosing subnet, if any
 */
record DhcpHost(String name, int start, int open, int close, List<DhcpStatement> statements,
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

    String ip() {
        return field("fixed-address");
    }
}
