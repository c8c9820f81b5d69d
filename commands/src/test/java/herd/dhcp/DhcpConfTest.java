package herd.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.files.FileEditException;
import herd.files.Resources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DhcpConfTest {

    @ParameterizedTest
    @ValueSource(strings = {"tutorial/dhcpd.conf", "variants/dhcpd-nested.conf"})
    void parseKeepsEveryByteAndFindsEveryHost(String file) {
        String text = Resources.text(file);
        DhcpConf conf = DhcpConf.parse(file, text);
        assertThat(conf.text()).isEqualTo(text);
        assertThat(conf.hosts()).extracting(DhcpHost::name).isNotEmpty().doesNotContainNull();
    }

    @Test
    void findsHostsInSubnetsGroupsAndNestedGroups() {
        DhcpConf conf = DhcpConf.parse("d", Resources.text("variants/dhcpd-nested.conf"));
        assertThat(conf.hosts()).extracting(DhcpHost::name)
                .containsExactly("bmc-odin", "thor", "valkyrie01", "valkyrie02");
        DhcpHost v2 = conf.host("valkyrie02").orElseThrow();
        assertThat(v2.mac()).isEqualTo("8:0:27:18:69:bc");
        assertThat(v2.ip()).isEqualTo("10.10.3.2");
        assertThat(v2.scope()).containsExactly("shared-network cluster", "subnet 10.10.0.0 netmask 255.255.0.0",
                "group", "group");
        assertThat(v2.subnet()).map(DhcpSubnet::cidr).contains("10.10.0.0/16");
        assertThat(conf.host("bmc-odin").orElseThrow().subnet()).isEmpty();
        assertThat(conf.subnets()).extracting(DhcpSubnet::cidr)
                .containsExactly("10.10.0.0/16", "10.20.0.0/24", "192.168.56.0/24");
    }

    @Test
    void tutorialHostsAreReadAsWritten() {
        DhcpConf conf = DhcpConf.parse("d", Resources.text("tutorial/dhcpd.conf"));
        assertThat(conf.hosts()).extracting(DhcpHost::name, DhcpHost::mac, DhcpHost::ip).containsExactly(
                org.assertj.core.groups.Tuple.tuple("thor", "08:00:27:18:68:BC", "10.10.1.1"),
                org.assertj.core.groups.Tuple.tuple("heimdall", "08:00:27:18:58:BC", "10.10.2.1"),
                org.assertj.core.groups.Tuple.tuple("valkyrie01", "08:00:27:18:67:BC", "10.10.3.1"),
                org.assertj.core.groups.Tuple.tuple("valkyrie02", "08:00:27:18:68:BC", "10.10.3.2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host a { fixed-address 10.0.0.1 }|1|semicolon expected after '10.0.0.1'",
        "subnet 10.0.0.0 netmask 255.0.0.0 {\\n\\nhost a {\\n}\\n|1|block opened here is never closed with '}'",
        "authoritative;\\n}\\n|2|'}' without a matching '{'",
        "option domain-name \"x;\\n|1|unterminated string",
        "\\n\\n{ }|3|'{' without a declaration before it",
    })
    void malformedFilesNameTheLine(String text, int line, String message) {
        assertThatThrownBy(() -> DhcpConf.parse("/etc/dhcp/dhcpd.conf", text.replace("\\n", "\n")))
                .isInstanceOf(FileEditException.class)
                .hasMessage("/etc/dhcp/dhcpd.conf:" + line + ": " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tutorial/dhcpd.conf", "variants/dhcpd-nested.conf"})
    void addThenRemoveGivesBackTheOriginalBytes(String file) {
        String text = Resources.text(file);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("hardware ethernet", "08:00:27:18:69:bc");
        fields.put("fixed-address", "10.10.3.3");
        String added = DhcpEdits.add(DhcpConf.parse(file, text), new DhcpEdits.NewHost("valkyrie03", "10.10.3.3", fields));
        DhcpConf after = DhcpConf.parse(file, added);
        assertThat(after.host("valkyrie03").orElseThrow().ip()).isEqualTo("10.10.3.3");
        assertThat(DhcpEdits.remove(after, after.host("valkyrie03").orElseThrow())).isEqualTo(text);
    }

    @Test
    void addCopiesTheNeighboursLayout() {
        String text = Resources.text("tutorial/dhcpd.conf");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("hardware ethernet", "08:00:27:18:69:bc");
        fields.put("fixed-address", "10.10.3.3");
        fields.put("option host-name", "\"valkyrie03\"");
        String added = DhcpEdits.add(DhcpConf.parse("d", text), new DhcpEdits.NewHost("valkyrie03", "10.10.3.3", fields));
        assertThat(added).contains(" option host-name \"valkyrie02\";\n}\n\nhost valkyrie03 {\n"
                + " hardware ethernet 08:00:27:18:69:BC;\n fixed-address 10.10.3.3;\n"
                + " option host-name \"valkyrie03\";\n}\n\n}\n");
        assertThat(added).startsWith(text.substring(0, text.indexOf("\n\n}\n")));
    }

    @Test
    void addIntoASubnetWithoutHostsUsesItsIndentation() {
        String text = Resources.text("tutorial/dhcpd.conf") + "\nsubnet 10.20.0.0 netmask 255.255.255.0 {\n"
                + "    option routers 10.20.0.254;\n}\n";
        String added = DhcpEdits.add(DhcpConf.parse("d", text), new DhcpEdits.NewHost("bmc-thor", "10.20.0.2",
                Map.of("fixed-address", "10.20.0.2")));
        assertThat(added).endsWith("    option routers 10.20.0.254;\n\n    host bmc-thor {\n"
                + "     fixed-address 10.20.0.2;\n     option host-name \"bmc-thor\";\n    }\n}\n");
    }

    @Test
    void setReplacesOnlyValuesAndAppendsMissingStatements() {
        String text = Resources.text("variants/dhcpd-nested.conf");
        DhcpConf conf = DhcpConf.parse("d", text);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fixed-address", "10.10.3.12");
        fields.put("next-server", "10.10.0.2");
        String edited = DhcpEdits.set(conf, conf.host("valkyrie02").orElseThrow(), fields, Set.of("option host-name"));
        assertThat(edited).contains("        \tfixed-address\t10.10.3.12;\n"
                + "        \thardware\tethernet\t8:0:27:18:69:bc;\n".substring(0, 0)
                + "        \tnext-server\t10.10.0.2;\n        }\n");
        assertThat(edited).doesNotContain("\"valkyrie02\"");
        DhcpHost before = conf.host("valkyrie02").orElseThrow();
        assertThat(edited).startsWith(text.substring(0, before.start()));
        assertThat(edited).endsWith(text.substring(before.close()));
    }

    @Test
    void oneLineBlocksAreEditedInPlace() {
        String text = Resources.text("variants/dhcpd-nested.conf");
        DhcpConf conf = DhcpConf.parse("d", text);
        DhcpHost bmc = conf.host("bmc-odin").orElseThrow();
        String edited = DhcpEdits.set(conf, bmc, Map.of("option host-name", "\"bmc-odin\""), Set.of());
        assertThat(edited).contains("host bmc-odin { hardware ethernet 08:00:27:aa:00:01; fixed-address 10.20.0.1; "
                + "option host-name \"bmc-odin\"; }  # one-liner\n");
        assertThat(DhcpEdits.remove(conf, bmc)).doesNotContain("bmc-odin").contains("}\n}\n\nshared-network");
    }
}
