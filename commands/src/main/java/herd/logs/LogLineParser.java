package herd.logs;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Raw line in, {@link TaggedLine} out: split (syslog, journald JSON or plain), parse the message,
 * tag the node.
 * <pre>{@code
 * LogLineParser p = new LogLineParser(tagger, ZoneId.systemDefault());
 * TaggedLine t = p.parse("/var/log/messages", "Nov 25 17:31:02 odin dhcpd[7791]: DHCPACK on ...", Instant.now());
 * }</pre>
 */
public final class LogLineParser {

    private final NodeTagger tagger;
    private final SyslogLineParser syslog;

    public LogLineParser(NodeTagger tagger, ZoneId zone) {
        this.tagger = tagger;
        this.syslog = new SyslogLineParser(zone);
    }

    public TaggedLine parse(String source, String raw, Instant readAt) {
        LogLine line = syslog.split(source, raw, readAt);
        LogEvent event = MessageParser.parse(line.message());
        return new TaggedLine(line, event, tagger.tag(event, line.message()));
    }
}
