package herd.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A seeded random corpus of hand-kept-looking zone files: origins, TTLs, blank owners, comments, tabs. */
class ZoneCorpusTest {
    private static final String[] SEP = {" ", "\t", "   ", "\t\t", " \t"};
    private static final String[] TAIL = {"", " ; note", "\t; x ( ) \"q\"", "  "};

    @Test
    void randomZonesRoundTripAndEditsAreLocal() {
        Random r = new Random(424242L);
        for (int i = 0; i < 300; i++) {
            List<String> names = new ArrayList<>();
            String text = zone(r, names);
            ZoneFile z = ZoneFile.parse("corpus-" + i, "cluster.local", text);
            assertThat(z.text()).isEqualTo(text);
            assertThat(z.records().stream().filter(e -> e.type().equals("A")).map(ZoneEntry::owner).distinct().toList())
                    .as("corpus %d", i).containsExactlyElementsOf(names);
            String added = ZoneEdits.add(z, "fresh.cluster.local.", "A", "10.9.9.9");
            ZoneFile a = ZoneFile.parse("c", "cluster.local", added);
            assertThat(a.records("fresh.cluster.local.", "A")).as("corpus %d\n%s", i, added).hasSize(1);
            assertThat(a.records().size()).isEqualTo(z.records().size() + 1);
            assertThat(ZoneEdits.remove(a, a.records("fresh.cluster.local.", "A").get(0))).as("corpus %d", i).isEqualTo(text);
            String sequential = text;
            List<ZoneEdits.NewRecord> batch = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                String type = "A";
                String data = "10.9.8." + k;
                sequential = ZoneEdits.add(ZoneFile.parse("c", "cluster.local", sequential), "b" + k + ".cluster.local.", type, data);
                batch.add(new ZoneEdits.NewRecord("b" + k + ".cluster.local.", type, data));
            }
            assertThat(ZoneEdits.addAll(z, batch)).as("batch corpus %d", i).isEqualTo(sequential);
            String bumped = ZoneEdits.bumpSerial(z, java.time.LocalDate.of(2026, 11, 25));
            assertThat(ZoneEdits.serial(ZoneFile.parse("c", "cluster.local", bumped))).isEqualTo(ZoneEdits.serial(z) + 1);
            if (!names.isEmpty()) {
                String victim = names.get(r.nextInt(names.size()));
                ZoneEntry e = z.records(victim, "A").get(0);
                String removed = ZoneEdits.remove(z, e);
                ZoneFile after = ZoneFile.parse("c", "cluster.local", removed);
                assertThat(after.records().size()).as("corpus %d", i).isEqualTo(z.records().size() - 1);
                assertThat(removed).startsWith(text.substring(0, Math.max(0, e.start() - 1)));
            }
        }
    }

    private static String zone(Random r, List<String> names) {
        StringBuilder b = new StringBuilder();
        b.append(r.nextBoolean() ? "$TTL 86400\n" : "$TTL 1h ; one hour\n");
        if (r.nextBoolean()) {
            b.append("@ IN SOA ns root ( ").append(1 + r.nextInt(1000)).append(" ; serial\n\t3600 1800 604800 86400 )\n");
        } else {
            b.append("@\tIN\tSOA\tns.cluster.local. root.cluster.local. ").append(1 + r.nextInt(1000))
                    .append(" 3600 1800 604800 86400\n");
        }
        b.append(pick(r, SEP)).append("IN").append(pick(r, SEP)).append("NS").append(pick(r, SEP)).append("ns\n");
        String origin = "cluster.local.";
        int n = r.nextInt(12);
        for (int k = 0; k < n; k++) {
            int kind = r.nextInt(8);
            if (kind == 0) {
                origin = r.nextBoolean() ? "sub" + k + ".cluster.local." : "cluster.local.";
                b.append("$ORIGIN ").append(origin).append('\n');
            } else if (kind == 1) {
                b.append(r.nextBoolean() ? "\n" : "; comment line " + k + "\n");
            } else {
                String owner = "h" + k;
                String fqdn = owner + "." + origin;
                boolean absolute = r.nextInt(4) == 0;
                b.append(absolute ? fqdn : owner).append(pick(r, SEP)).append(r.nextBoolean() ? "300" + pick(r, SEP) : "")
                        .append("IN").append(pick(r, SEP)).append("A").append(pick(r, SEP)).append("10.0.0.").append(k)
                        .append(pick(r, TAIL)).append('\n');
                names.add(fqdn);
                if (r.nextInt(3) == 0) {
                    b.append(pick(r, SEP)).append("IN").append(pick(r, SEP)).append("TXT").append(pick(r, SEP))
                            .append("\"x ; y\"").append('\n');
                }
            }
        }
        return r.nextInt(6) == 0 ? b.toString().stripTrailing() : b.toString();
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
