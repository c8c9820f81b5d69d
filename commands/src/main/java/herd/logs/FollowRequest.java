package herd.logs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code follow} job: its sources, the nodes to keep (empty = every line), an optional
 * regular expression the raw line must contain, and whether to start at the beginning.
 *
 * @param poll how often a file is checked for new lines and rotation
 */
public record FollowRequest(List<LogSource> sources, Set<String> nodes, Optional<Pattern> grep,
                            boolean fromStart, Duration poll) {

    public FollowRequest {
        if (sources.isEmpty()) {
            throw new LogsException("follow: no source given");
        }
        sources = List.copyOf(sources);
        nodes = Set.copyOf(nodes);
    }

    /** New lines only, every node, no grep, checked every 100 ms. */
    public static FollowRequest of(List<LogSource> sources) {
        return new FollowRequest(sources, Set.of(), Optional.empty(), false, Duration.ofMillis(100));
    }

    /** Whether a line passes the filters. */
    public boolean accepts(TaggedLine t) {
        if (!nodes.isEmpty() && !t.node().map(nodes::contains).orElse(false)) {
            return false;
        }
        return grep.map(p -> p.matcher(t.line().raw()).find()).orElse(true);
    }
}
