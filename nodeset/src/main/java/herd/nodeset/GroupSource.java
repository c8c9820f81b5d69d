package herd.nodeset;

import java.util.Optional;
import java.util.Set;

/** Interim copy of the nodeset branch API (replaced on merge): a named set of groups. */
public interface GroupSource {
    String name();

    Set<String> groups();

    Optional<NodeSet> members(String group);
}
