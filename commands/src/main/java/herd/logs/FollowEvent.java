package herd.logs;

/** What a follow job streams: lines that passed the filters, and the fate of each source. */
public sealed interface FollowEvent permits FollowEvent.Line, FollowEvent.SourceFailed, FollowEvent.SourceEnded {

    /** A tagged line that passed the node and grep filters. */
    record Line(TaggedLine line) implements FollowEvent {
    }

    /** A source that cannot be read (the job goes on with the others). */
    record SourceFailed(String source, String message) implements FollowEvent {
    }

    /** A source that ended by itself (a command that exited 0). */
    record SourceEnded(String source) implements FollowEvent {
    }
}
