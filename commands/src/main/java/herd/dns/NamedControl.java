package herd.dns;

import herd.files.FileAccess;
import herd.files.ProcessRunner;
import herd.services.DnsSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Talks to the running named: {@code rndc reload|freeze|thaw ZONE}, SOA serial queries to check
 * what is really served (rndc reload of a broken file still exits 0), and RFC 2136 updates
 * signed with the inventory's TSIG key. dnsjava stays inside this class.
 */
final class NamedControl {
    private static final Duration RNDC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

    /** One RFC 2136 change: add or delete {@code name type value} (value null: the whole set). */
    record Change(boolean add, String name, String type, String value, long ttl) {
    }

    private final DnsSettings settings;
    private final FileAccess files;

    /** {@code files}: where rndc runs (with the zone files: the management node or this machine). */
    NamedControl(DnsSettings settings, FileAccess files) {
        this.settings = settings;
        this.files = files;
    }

    void rndc(String verb, String zone) {
        if (settings.rndc().isBlank()) {
            throw new DnsException("cannot " + verb + " zone " + zone + ": no services.dns.rndc command in the inventory");
        }
        ProcessRunner.Result r;
        try {
            r = files.shell(settings.rndc() + " " + verb + " '" + zone.replace("'", "") + "'", RNDC_TIMEOUT);
        } catch (IOException e) {
            throw new DnsException("rndc " + verb + " " + zone + " failed: " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new DnsException("rndc " + verb + " " + zone + files.where() + " failed (exit " + r.exitCode() + "): "
                    + r.lastLine());
        }
    }

    /** The serial named serves for {@code zone}, -1 when it does not answer authoritatively. */
    long servedSerial(String zone) {
        for (Record r : query(zone, "SOA")) {
            if (r instanceof SOARecord soa) {
                return soa.getSerial();
            }
        }
        return -1;
    }

    /** Waits until named serves {@code expected} for {@code zone}; a one-line error otherwise. */
    void awaitSerial(String zone, long expected, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        long served = servedSerial(zone);
        while (served != expected && System.nanoTime() < until) {
            sleep();
            served = servedSerial(zone);
        }
        if (served != expected) {
            throw new DnsException("zone " + zone + ": named serves serial " + served + " after reload, expected "
                    + expected + " (see named's log)");
        }
    }

    /** The data of {@code name type} as named serves it. */
    List<String> values(String name, String type) {
        List<String> out = new ArrayList<>();
        for (Record r : query(name, type)) {
            if (r.getType() == Type.value(type)) {
                out.add(r.rdataToString().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Sends one signed update for {@code zone}; refused updates are a {@link DnsException}. */
    void update(String zone, List<Change> changes) {
        if (settings.tsig() == null) {
            throw new DnsException("dynamic update of " + zone + ": no services.dns.tsig key in the inventory");
        }
        try {
            Update u = new Update(Name.fromString(ZoneFile.absolute(zone)));
            for (Change c : changes) {
                Name n = Name.fromString(c.name());
                if (c.add()) {
                    u.add(n, Type.value(c.type()), c.ttl(), c.value());
                } else if (c.value() == null) {
                    u.delete(n, Type.value(c.type()));
                } else {
                    u.delete(n, Type.value(c.type()), c.value());
                }
            }
            Message answer = resolver(true).send(u);
            if (answer.getRcode() != Rcode.NOERROR) {
                throw new DnsException("dynamic update of " + zone + " refused by " + settings.server() + ":"
                        + settings.port() + ": " + Rcode.string(answer.getRcode()));
            }
        } catch (IOException e) {
            throw new DnsException("dynamic update of " + zone + " failed: " + e.getMessage(), e);
        }
    }

    private List<Record> query(String name, String type) {
        try {
            Record question = Record.newRecord(Name.fromString(ZoneFile.absolute(name)), Type.value(type), DClass.IN);
            Message answer = resolver(false).send(Message.newQuery(question));
            return answer.getRcode() == Rcode.NOERROR ? answer.getSection(Section.ANSWER) : List.of();
        } catch (TextParseException e) {
            throw new DnsException("bad DNS name '" + name + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DnsException("no answer from named at " + settings.server() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private SimpleResolver resolver(boolean signed) throws IOException {
        SimpleResolver r = new SimpleResolver(java.net.InetAddress.getByName(settings.server()));
        r.setPort(settings.port());
        r.setTimeout(QUERY_TIMEOUT);
        r.setTCP(true);
        if (signed) {
            DnsSettings.TsigKey k = settings.tsig();
            r.setTSIGKey(new TSIG(Name.fromString(ZoneFile.absolute(k.algorithm())), Name.fromString(ZoneFile.absolute(k.name())),
                    k.secret()));
        }
        return r;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsException("interrupted while waiting for named");
        }
    }
}
