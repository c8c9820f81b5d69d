package herd.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A seeded random corpus of hand-written-looking dhcpd.conf files: odd spacing, comments, nesting. */
class DhcpCorpusTest {
    private static final String[] SPACE = {" ", "  ", "\t", " \t", "\t\t"};
    private static final String[] NEWLINE = {"\n", "\n\n", "  # note\n", "\t# x; { } \"q\"\n", "\n"};

    @Test
    void randomFilesRoundTripAndEditsStayLocal() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 300; i++) {
            List<String> names = new ArrayList<>();
            String text = file(random, names);
            DhcpConf conf = DhcpConf.parse("corpus-" + i, text);
            assertThat(conf.text()).isEqualTo(text);
            assertThat(conf.hosts()).extracting(DhcpHost::name).containsExactlyElementsOf(names);
            if (names.isEmpty()) {
                continue;
            }
            DhcpHost h = conf.hosts().get(random.nextInt(names.size()));
            String set = DhcpEdits.set(conf, h, Map.of("fixed-address", "10.10.9.9", "filename", "\"x.efi\""),
                    Set.of("option host-name"));
            assertThat(set).as("corpus %d", i).startsWith(text.substring(0, h.start()))
                    .endsWith(text.substring(h.close()));
            assertThat(DhcpConf.parse("c", set).host(h.name()).orElseThrow().ip()).isEqualTo("10.10.9.9");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("hardware ethernet", "08:00:27:00:00:ff");
            fields.put("fixed-address", "10.10.7.7");
            String added = DhcpEdits.add(conf, new DhcpEdits.NewHost("fresh", "10.10.7.7", fields));
            DhcpConf after = DhcpConf.parse("c", added);
            assertThat(DhcpEdits.remove(after, after.host("fresh").orElseThrow())).as("corpus %d", i).isEqualTo(text);
            String sequential = text;
            List<DhcpEdits.NewHost> batch = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Map<String, String> f = Map.of("fixed-address", "10.10.8." + k);
                sequential = DhcpEdits.add(DhcpConf.parse("c", sequential), new DhcpEdits.NewHost("batch" + k, "10.10.8." + k, f));
                batch.add(new DhcpEdits.NewHost("batch" + k, "10.10.8." + k, f));
            }
            assertThat(DhcpEdits.addAll(conf, batch)).as("batch corpus %d", i).isEqualTo(sequential);
        }
    }

    private static String file(Random r, List<String> names) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append("# generated ").append(r.nextInt(1000)).append('\n');
        }
        b.append(pick(r, SPACE)).append("authoritative;").append(pick(r, NEWLINE));
        int blocks = 1 + r.nextInt(4);
        for (int i = 0; i < blocks; i++) {
            scope(r, b, names, 0);
        }
        return r.nextInt(5) == 0 ? b.toString().stripTrailing() : b.toString();
    }

    private static void scope(Random r, StringBuilder b, List<String> names, int depth) {
        int kind = depth > 2 ? 3 : r.nextInt(4);
        String indent = "  ".repeat(depth);
        if (kind == 0) {
            b.append(indent).append("subnet 10.10.0.0 netmask 255.255.0.0").append(pick(r, SPACE)).append("{\n");
        } else if (kind == 1) {
            b.append(indent).append("group {").append(pick(r, NEWLINE));
            b.append(indent).append("  option domain-name \"g;{}\";\n");
        } else if (kind == 2) {
            b.append(indent).append("shared-network net").append(depth).append(" {\n");
        } else {
            host(r, b, names, indent);
            return;
        }
        int children = r.nextInt(4);
        for (int i = 0; i < children; i++) {
            scope(r, b, names, depth + 1);
        }
        b.append(indent).append('}').append(pick(r, NEWLINE));
    }

    private static void host(Random r, StringBuilder b, List<String> names, String indent) {
        String name = "n" + names.size();
        names.add(name);
        String sp = pick(r, SPACE);
        if (r.nextInt(4) == 0) {
            b.append(indent).append("host ").append(name).append(" { hardware ethernet 08:00:27:00:00:")
                    .append(String.format("%02x", names.size())).append("; fixed-address 10.10.1.").append(names.size())
                    .append("; }").append(pick(r, NEWLINE));
            return;
        }
        b.append(indent).append("host").append(sp).append(name).append(sp).append("{").append(pick(r, NEWLINE));
        b.append(indent).append(sp).append("hardware ethernet 08:00:27:00:00:")
                .append(String.format("%02X", names.size())).append(";").append(pick(r, NEWLINE));
        b.append(indent).append(sp).append("fixed-address").append(sp).append("10.10.1.").append(names.size())
                .append(";\n");
        if (r.nextBoolean()) {
            b.append(indent).append(sp).append("option host-name \"").append(name).append("\";\n");
        }
        b.append(indent).append("}").append(pick(r, NEWLINE));
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
