package herd.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.error.HerdException;
import herd.inventory.InventoryLoader;
import herd.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {

    private final Session session = new Session(InventoryLoader.example());

    @Test
    void nodesDefaultToTheTargetAndRefuseNothing() {
        assertThatThrownBy(() -> session.nodes(null)).isInstanceOf(UsageException.class)
                .hasMessageContaining("no target set");
        session.use(session.parse("@compute"));
        assertThat(session.nodes("").toString()).isEqualTo("valkyrie[01-02]");
        assertThat(session.nodes("odin,@storage").toString()).isEqualTo("odin,thor");
        assertThatThrownBy(() -> session.nodes("@compute&odin")).isInstanceOf(UsageException.class)
                .hasMessage("\"@compute&odin\" names no node");
        assertThatThrownBy(() -> session.parse("@nosuch")).isInstanceOf(UsageException.class)
                .hasMessageContaining("@inventory:nosuch");
    }

    @Test
    void outcomeSetsBeforeAnyCommandSaySoAndWhichCommandsSetThem() {
        assertThatThrownBy(() -> session.parse("@last:ok")).isInstanceOf(UsageException.class)
                .hasMessage("@last: no command has set outcome sets yet (exec, copy, rcopy, power, bootdev,"
                        + " console --log and deploy set @last:ok, @last:failed, ...)");
        assertThatThrownBy(() -> session.parse("@power:off")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("@power: no power command has reported states yet");
        session.conclude("exec", OutcomeSet.of(List.of(NodeOutcome.exited("odin", 0))));
        assertThatThrownBy(() -> session.parse("@last:nosuch")).isInstanceOf(UsageException.class)
                .hasMessageNotContaining("no command has set");
    }

    @Test
    void concludeOnOneNodeSaysNode() {
        assertThatThrownBy(() -> session.conclude("exec", OutcomeSet.of(List.of(NodeOutcome.exited("odin", 1)))))
                .hasMessage("exec: 1 of 1 node failed (see @last:failed)");
    }

    @Test
    void concludePublishesLastAndFailsWhenANodeFailed() {
        OutcomeSet outcomes = OutcomeSet.of(List.of(NodeOutcome.exited("valkyrie01", 0),
                NodeOutcome.exited("valkyrie02", 2)));
        assertThatThrownBy(() -> session.conclude("exec", outcomes)).isInstanceOf(HerdException.class)
                .hasMessage("exec: 1 of 2 nodes failed (see @last:failed)");
        assertThat(session.parse("@last:failed").toString()).isEqualTo("valkyrie02");
        assertThat(session.parse("@last:rc=2").toString()).isEqualTo("valkyrie02");
        assertThat(session.parse("@compute!@last:ok").toString()).isEqualTo("valkyrie02");
        assertThat(session.last()).isSameAs(outcomes);

        session.conclude("exec", OutcomeSet.of(List.of(NodeOutcome.exited("odin", 0))));
        assertThat(session.parse("@last:ok").toString()).isEqualTo("odin");
    }

    @Test
    void concludeAfterCtrlCIsACancellation() {
        Cancellation token = Cancellation.create();
        try (Session.Scope scope = session.enter(null, token)) {
            token.cancel();
            assertThatThrownBy(() -> session.conclude("exec", OutcomeSet.of(List.of(
                    NodeOutcome.exited("odin", 0), NodeOutcome.without("thor", Reason.CANCELLED, "cancelled")))))
                    .isInstanceOf(CancelledException.class)
                    .hasMessage("exec: cancelled (1 of 2 nodes ok)")
                    .extracting(e -> ((HerdException) e).status()).isEqualTo(130);
        }
        assertThat(session.cancellation().isCancelled()).isFalse();
    }

    @Test
    void publishedSourcesResolve() {
        session.publish("power", Map.of("on", List.of("odin"), "off", List.of("thor", "heimdall")));
        assertThat(session.parse("@power:off").toString()).isEqualTo("heimdall,thor");
        assertThat(session.resolver().sourceNames()).contains("inventory", "power");
    }

    @Test
    void variablesHaveShellNames() {
        session.set("NODES", "@compute");
        assertThat(session.variable("NODES")).contains("@compute");
        assertThatThrownBy(() -> session.set("1x", "v")).isInstanceOf(UsageException.class);
        assertThat(session.unset("NODES")).isTrue();
        assertThat(session.unset("NODES")).isFalse();
    }

    @Test
    void aSessionStartsWithTheInventorysVariables() {
        Session s = new Session(herd.inventory.InventoryLoader.read("t.yaml", new java.io.StringReader(
                "cluster: {name: t}\nvariables: {TIME_CONF: /etc/chrony/chrony.conf}\n")));
        assertThat(s.variables()).containsExactly(Map.entry("TIME_CONF", "/etc/chrony/chrony.conf"));
        s.set("TIME_CONF", "/etc/chrony.conf");
        assertThat(s.variable("TIME_CONF")).contains("/etc/chrony.conf");
    }

    @Test
    void dottedNamesAreTypedSettingsCheckedWhenSet() {
        Setting<Boolean> accept = Setting.flag("ssh.accept-new-host-keys", "record unknown host keys");
        session.settings().declare(accept);
        assertThat(session.settings().get(accept)).isFalse();
        session.set("ssh.accept-new-host-keys", "yes");
        assertThat(session.settings().get(accept)).isTrue();
        assertThat(session.variables()).isEmpty();
        assertThatThrownBy(() -> session.set("ssh.accept-new-host-keys", "maybe")).isInstanceOf(UsageException.class)
                .hasMessage("ssh.accept-new-host-keys: expected yes or no, got \"maybe\"");
        assertThat(session.settings().get(accept)).as("a refused value changes nothing").isTrue();
        assertThatThrownBy(() -> session.set("ssh.nothing", "yes")).isInstanceOf(UsageException.class)
                .hasMessage("unknown setting ssh.nothing (known: ssh.accept-new-host-keys)");
        assertThat(session.unset("ssh.accept-new-host-keys")).isTrue();
        assertThat(session.settings().get(accept)).isFalse();
    }

    @Test
    void resourcesAreSharedAndClosedNewestFirst() {
        List<String> closed = new ArrayList<>();
        class Pool implements AutoCloseable {
            @Override
            public void close() {
                closed.add("pool");
            }
        }
        class Other implements AutoCloseable {
            @Override
            public void close() {
                closed.add("other");
                throw new IllegalStateException("boom");
            }
        }
        Pool pool = session.resource(Pool.class, Pool::new);
        assertThat(session.resource(Pool.class, Pool::new)).isSameAs(pool);
        session.resource(Other.class, Other::new);
        assertThatThrownBy(session::close).isInstanceOf(HerdException.class).hasMessageContaining("boom");
        assertThat(closed).containsExactly("other", "pool");
    }

    @Test
    void outOutsideACommandIsAProgrammingError() {
        assertThatThrownBy(session::out).isInstanceOf(IllegalStateException.class);
        assertThat(session.target()).isEqualTo(NodeSet.empty());
    }
}
