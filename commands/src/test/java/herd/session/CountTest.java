package herd.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTest {

    @Test
    void oneIsSingularEveryOtherNumberPlural() {
        assertThat(Count.of(0, "group")).isEqualTo("0 groups");
        assertThat(Count.of(1, "group")).isEqualTo("1 group");
        assertThat(Count.of(2, "group")).isEqualTo("2 groups");
        assertThat(Count.of(1, "inconsistency", "inconsistencies")).isEqualTo("1 inconsistency");
        assertThat(Count.of(3, "inconsistency", "inconsistencies")).isEqualTo("3 inconsistencies");
        assertThat("1 of " + 1 + " " + Count.noun(1, "node")).isEqualTo("1 of 1 node");
    }
}
