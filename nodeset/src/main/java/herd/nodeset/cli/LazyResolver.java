package herd.nodeset.cli;

import herd.nodeset.GroupResolver;
import java.nio.file.Path;

/** Loads the group configuration only when a command first needs it (keeps plain runs fast). */
final class LazyResolver {
    private final String groupsConf;
    private final String defaultSource;
    private GroupResolver resolver;

    LazyResolver(String groupsConf, String defaultSource) {
        this.groupsConf = groupsConf;
        this.defaultSource = defaultSource;
    }

    GroupResolver get() {
        if (resolver == null) {
            GroupResolver r = groupsConf != null ? GroupResolver.load(Path.of(groupsConf)) : GroupResolver.loadDefault();
            resolver = defaultSource != null ? r.withDefault(defaultSource) : r;
        }
        return resolver;
    }
}
