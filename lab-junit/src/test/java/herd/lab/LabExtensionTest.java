package herd.lab;

import static org.assertj.core.api.Assertions.assertThat;

import herd.lab.junit.LabConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@LabConfig(nodes = 1, extras = {"heimdall"})
class LabExtensionTest {
    static Lab shared;
    Lab lab;

    @Test
    void fieldsAndParametersGetTheClassLab(Lab parameter) {
        assertThat(lab).isSameAs(parameter).isSameAs(shared);
        assertThat(lab.spec().bmc()).isFalse();
        assertThat(lab.nodes()).extracting(LabNode::name).containsExactly("heimdall", "valkyrie01");
        assertThat(lab.node("heimdall").group()).isEqualTo("login");
        assertThat(Lab.isRunning(lab.dir())).isTrue();
    }

    @Nested
    class Inner {
        Lab inner;

        @Test
        void nestedClassesShareTheEnclosingLab() {
            assertThat(inner).isSameAs(shared);
            assertThat(Tools.ssh(inner, inner.node("heimdall"), "hostname").text()).isEqualTo("heimdall\n");
        }
    }
}
