package herd.nodeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupResolverTest {
    @TempDir
    Path dir;
    private GroupResolver resolver;

    @BeforeEach
    void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("groups.d"));
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("groups.conf"), """
                [Main]
                default: cluster
                confdir: $CFGDIR/conf.d
                autodir: $CFGDIR/groups.d

                # an upcall source reading a flat file, with every upcall kind
                [flat]
                map: sed -n 's/^$GROUP: *//p' flat.txt
                all: cat flat.txt | cut -d: -f2 | tr '\\n' ' '
                list: cut -d: -f1 flat.txt
                reverse: grep -w "$NODE" flat.txt | cut -d: -f1
                """);
        Files.writeString(dir.resolve("flat.txt"), "web: w[1-3]\ndb: d1 d2\n");
        Files.writeString(dir.resolve("groups.d/cluster.yaml"), """
                # ClusterShell YAML groups
                cluster:
                    compute: 'valkyrie[01-10]'
                    gpu: "valkyrie[09-10]"
                    login: [ login1, 'login2' ]
                    io:
                      - io1
                      - io[2-3]
                    all_compute: '@compute,@gpu'
                """);
        Files.writeString(dir.resolve("conf.d/echo.conf"), """
                [echo,echo2]
                map: echo $SOURCE-$GROUP
                list: echo a b
                """);
        resolver = GroupResolver.load(dir.resolve("groups.conf"));
    }

    @Test
    void loadsSourcesInClusterShellOrder() {
        assertThat(resolver.sourceNames()).containsExactly("cluster", "echo", "echo2", "flat");
        assertThat(resolver.defaultSource()).isEqualTo("cluster");
    }

    @Test
    void resolvesYamlGroupsListsAndNestedReferences() {
        assertThat(NodeSet.parse("@compute!@gpu", resolver).toString()).isEqualTo("valkyrie[01-08]");
        assertThat(resolver.resolve(null, "login").toString()).isEqualTo("login[1-2]");
        assertThat(resolver.resolve("cluster", "io").toString()).isEqualTo("io[1-3]");
        assertThat(NodeSet.parse("@all_compute", resolver).size()).isEqualTo(10);
        assertThat(NodeSet.parse("@cluster:*", resolver).toString()).isEqualTo("io[1-3],login[1-2],valkyrie[01-10]");
        assertThat(NodeSet.parse("@@cluster", resolver).toString()).isEqualTo("all_compute,compute,gpu,io,login");
    }

    @Test
    void resolvesUpcallsWithSubstitution() {
        assertThat(NodeSet.parse("@flat:web,@flat:db", resolver).toString()).isEqualTo("d[1-2],w[1-3]");
        assertThat(NodeSet.parse("@flat:*", resolver).toString()).isEqualTo("d[1-2],w[1-3]");
        assertThat(resolver.groupNames("flat")).containsExactly("db", "web");
        assertThat(resolver.groupsOf("flat", "d2")).containsExactly("db");
        assertThat(resolver.groupsOf("cluster", "valkyrie09")).containsExactly("all_compute", "compute", "gpu");
        assertThat(NodeSet.parse("@echo2:x", resolver).toString()).isEqualTo("echo2-x");
        assertThat(NodeSet.parse("@echo:[1-2]", resolver).toString()).isEqualTo("echo-[1-2]");
    }

    @Test
    void wildcardsMatchAllNodesOfTheDefaultSource() {
        assertThat(NodeSet.parse("valkyrie0*", resolver).toString()).isEqualTo("valkyrie[01-09]");
        assertThat(NodeSet.parse("io?,login*!login2", resolver).toString()).isEqualTo("io[1-3],login1");
        assertThat(NodeSet.parse("nomatch*", resolver).isEmpty()).isTrue();
    }

    @Test
    void unknownGroupsAndSourcesAreErrors() {
        assertThatThrownBy(() -> NodeSet.parse("@nosuch", resolver))
                .isInstanceOf(NodeSetException.class).hasMessage("group \"@cluster:nosuch\": unknown")
                .extracting(e -> ((NodeSetException) e).part()).isEqualTo("@cluster:nosuch");
        assertThatThrownBy(() -> NodeSet.parse("@nosrc:x", resolver))
                .isInstanceOf(NodeSetException.class).hasMessage("group source \"nosrc\": unknown");
        assertThatThrownBy(() -> NodeSet.parse("@flat:nosuch", resolver))
                .hasMessage("group \"@flat:nosuch\": unknown");
    }

    @Test
    void failingUpcallIsReported() throws IOException {
        Files.writeString(dir.resolve("conf.d/bad.conf"), "[bad]\nmap: exit 3\n");
        GroupResolver r = GroupResolver.load(dir.resolve("groups.conf"));
        assertThatThrownBy(() -> NodeSet.parse("@bad:x", r))
                .isInstanceOf(NodeSetException.class).hasMessage("group source \"bad\": map upcall failed (exit 3): exit 3");
    }

    @Test
    void badYamlNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("groups.d/broken.yaml"), "src:\n    good: n1\n    this is not yaml\n");
        assertThatThrownBy(() -> GroupResolver.load(dir.resolve("groups.conf")))
                .isInstanceOf(NodeSetException.class)
                .hasMessageEndingWith("broken.yaml:3: expected \"name: value\"");
    }

    @Test
    void pluggedSourcesJoinAndOverride() {
        GroupSource last = new GroupSource() {
            @Override
            public String name() {
                return "last";
            }

            @Override
            public Set<String> groups() {
                return Set.of("ok", "failed");
            }

            @Override
            public Optional<NodeSet> members(String group) {
                return switch (group) {
                    case "ok" -> Optional.of(NodeSet.parse("valkyrie[01-07]"));
                    case "failed" -> Optional.of(NodeSet.parse("valkyrie[08-10]"));
                    default -> Optional.empty();
                };
            }
        };
        GroupResolver r = resolver.with(last);
        assertThat(NodeSet.parse("@last:ok&@gpu", r).toString()).isEqualTo("");
        assertThat(NodeSet.parse("@last:failed&@gpu", r).toString()).isEqualTo("valkyrie[09-10]");
        assertThat(NodeSet.parse("@last:*", r).size()).isEqualTo(10);
        assertThat(r.groupsOf("last", "valkyrie08")).containsExactly("failed");
        assertThat(resolver.sourceNames()).doesNotContain("last");
        GroupResolver table = new GroupResolver(List.of(new MapGroupSource("t", Map.of("g", "a,@h", "h", "b"))), "t");
        assertThat(table.resolve(null, "g").toString()).isEqualTo("a,b");
    }

    @Test
    void groupDefinitionLoopsAreStopped() {
        GroupResolver loop = new GroupResolver(List.of(new MapGroupSource("t", Map.of("a", "@b", "b", "@a"))), "t");
        assertThatThrownBy(() -> NodeSet.parse("@a", loop)).isInstanceOf(NodeSetException.class)
                .hasMessageStartingWith("group definitions nest too deep");
    }
}
