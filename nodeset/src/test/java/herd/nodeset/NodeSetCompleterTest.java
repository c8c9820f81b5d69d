package herd.nodeset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSetCompleterTest {
    private final GroupResolver resolver = new GroupResolver(List.of(
            new MapGroupSource("inventory", Map.of("compute", "valkyrie[01-12]", "gpu", "valkyrie[11-12]")),
            new MapGroupSource("last", Map.of("ok", "valkyrie[01-10]", "failed", "valkyrie[11-12]"))), "inventory");
    private final NodeSetCompleter completer = new NodeSetCompleter(resolver, NodeSet.parse("valkyrie[01-12],login1"));

    @Test
    void completesNodeNamesAfterAnyOperator() {
        assertThat(completer.complete("log")).containsExactly("login1");
        assertThat(completer.complete("login1,valkyrie1")).containsExactly("login1,valkyrie10", "login1,valkyrie11",
                "login1,valkyrie12");
        assertThat(completer.complete("@compute!valkyrie0")).hasSize(9).allMatch(s -> s.startsWith("@compute!valkyrie0"));
        assertThat(completer.complete("x^valkyrie12")).containsExactly("x^valkyrie12");
    }

    @Test
    void completesGroupsAndSources() {
        assertThat(completer.complete("@")).containsExactly("@*", "@compute", "@gpu", "@inventory:", "@last:");
        assertThat(completer.complete("@last:")).containsExactly("@last:*", "@last:failed", "@last:ok");
        assertThat(completer.complete("n1&@last:f")).containsExactly("n1&@last:failed");
        assertThat(completer.complete("@@")).containsExactly("@@inventory", "@@last");
        assertThat(completer.complete("@nosuch:")).isEmpty();
    }

    @Test
    void completesIndexesInsideAnOpenBracket() {
        assertThat(completer.complete("valkyrie[0")).hasSize(9).contains("valkyrie[01", "valkyrie[09");
        assertThat(completer.complete("valkyrie[01-1")).containsExactly("valkyrie[01-10", "valkyrie[01-11",
                "valkyrie[01-12");
        assertThat(completer.complete("login1,valkyrie[03,1")).containsExactly("login1,valkyrie[03,10",
                "login1,valkyrie[03,11", "login1,valkyrie[03,12");
    }
}
