package herd.logs;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Starts {@code follow} jobs: each runs in its own threads and streams tagged lines to a
 * listener until stopped; the shell prints them above the prompt and lists the job in {@code jobs}.
 * <pre>{@code
 * FollowJob job = new FollowEngine(tagger).start(FollowRequest.of(List.of(LogSource.parse("/var/log/dhcpd.log"))),
 *         e -> { if (e instanceof FollowEvent.Line l) System.out.println(l.line().line().raw()); });
 * job.stop();
 * }</pre>
 */
public final class FollowEngine {

    private final NodeTagger tagger;
    private final Clock clock;

    public FollowEngine(NodeTagger tagger) {
        this(tagger, Clock.systemDefaultZone());
    }

    public FollowEngine(NodeTagger tagger, Clock clock) {
        this.tagger = tagger;
        this.clock = clock;
    }

    public FollowJob start(FollowRequest request, FollowListener listener) {
        ZoneId zone = clock.getZone();
        FollowJob job = new FollowJob(request, new LogLineParser(tagger, zone), listener, clock);
        job.start();
        return job;
    }
}
