package herd.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import herd.nodeset.NodeSet;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryLoaderTest {

    @Test
    void exampleIsTheTutorialCluster() {
        Inventory inv = InventoryLoader.example();
        assertThat(inv.name()).isEqualTo("tutorial");
        assertThat(inv.all().toString()).isEqualTo("heimdall,odin,thor,valkyrie[01-02]");
        assertThat(NodeSet.parse("@compute", inv.groupResolver()).toString()).isEqualTo("valkyrie[01-02]");
        assertThat(NodeSet.parse("@all", inv.groupResolver())).isEqualTo(inv.all());
        assertThat(inv.groups()).containsOnlyKeys("mgmt", "storage", "login", "compute");
        assertThat(inv.require("odin").ip()).isEqualTo("10.10.0.1");
        assertThat(inv.profile("valkyrie01")).isEqualTo("el9-compute");
        assertThat(inv.profile("odin")).isNull();
        assertThat(inv.ssh("thor")).isEqualTo(new Ssh(null, 22, "root", "~/.ssh/id_ed25519", "~/.ssh/known_hosts", null, "+52w"));
        assertThat(inv.bmc("valkyrie02").host()).isEqualTo("10.10.103.2");
        assertThat(inv.services().dns().zones()).containsKeys("cluster.local", "10.10.in-addr.arpa");
    }

    @Test
    void layersMergeDefaultsGroupDefaultsAndNode() {
        Inventory inv = read("""
                cluster: {name: t}
                defaults:
                  ssh: {user: admin, port: 2200}
                group-defaults:
                  compute:
                    ssh: {port: 2222}
                    bmc: {user: ipmi}
                groups:
                  compute: n[1-2]
                nodes:
                  n1: {ssh: {host: 127.0.0.1}}
                  n2: {ssh: {user: root}, groups: [extra]}
                """);
        assertThat(inv.ssh("n1")).isEqualTo(new Ssh("127.0.0.1", 2222, "admin", "~/.ssh/id_ed25519", "~/.ssh/known_hosts", null, "+52w"));
        assertThat(inv.ssh("n2").user()).isEqualTo("root");
        assertThat(inv.bmc("n1").user()).isEqualTo("ipmi");
        assertThat(inv.groupsOf("n2")).containsExactly("compute", "extra");
    }

    @Test
    void redfishKeysLayerLikeTheOthersAndFingerprintsAreKeptBare() {
        Inventory inv = read("""
                cluster: {name: t}
                defaults:
                  bmc: {protocol: redfish, ca: /etc/herd/bmc-ca.pem}
                group-defaults:
                  old:
                    bmc: {protocol: ipmi}
                groups:
                  old: n2
                nodes:
                  n1: {bmc: {url: "https://b1.example:8443/", fingerprint: "SHA256:%s"}}
                  n2: {bmc: {host: 10.0.0.2}}
                """.formatted("AB:".repeat(31) + "AB"));
        assertThat(inv.bmc("n1").redfish()).isTrue();
        assertThat(inv.bmc("n1").url()).isEqualTo("https://b1.example:8443");
        assertThat(inv.bmc("n1").ca()).isEqualTo("/etc/herd/bmc-ca.pem");
        assertThat(inv.bmc("n1").fingerprint()).isEqualTo("ab".repeat(32));
        assertThat(inv.bmc("n1").insecure()).isFalse();
        assertThat(inv.bmc("n2").redfish()).isFalse();
    }

    @Test
    void groupsMayUseOtherGroups() {
        Inventory inv = read("""
                cluster: {name: t}
                groups:
                  a: n[1-3]
                  b: "@a!n2"
                """);
        assertThat(NodeSet.parse("@b", inv.groupResolver()).toString()).isEqualTo("n[1,3]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name        | cluster: {domain: x}                                      | t.yaml:1: cluster.name: required field is missing
            no cluster section  | nodes: {}                                                 | t.yaml:1: cluster: required section is missing
            unknown top key     | cluster: {name: t}\\nnode: {}                             | t.yaml:2: node: unknown field
            unknown node key    | cluster: {name: t}\\nnodes:\\n  n1:\\n    ipaddr: 1.2.3.4 | t.yaml:4: nodes.n1.ipaddr: unknown field
            bad ip              | cluster: {name: t}\\nnodes:\\n  n1: {ip: 10.10.0.300}   | t.yaml:3: nodes.n1.ip: not an IPv4 address: "10.10.0.300"
            bad mac             | cluster: {name: t}\\nnodes:\\n  n1: {mac: 08:00:27}     | t.yaml:3: nodes.n1.mac: not a MAC address
            duplicate ip        | cluster: {name: t}\\nnodes:\\n  a: {ip: 1.1.1.1}\\n  b: {ip: 1.1.1.1} | t.yaml:4: nodes.b.ip: 1.1.1.1 is already the ip of a
            bad port            | cluster: {name: t}\\ndefaults:\\n  ssh: {port: 99999}   | t.yaml:3: defaults.ssh.port: expected a number from 1 to 65535, got "99999"
            bad subnet          | cluster: {name: t}\\nnetworks:\\n  - {subnet: 10.0.0.0} | t.yaml:3: networks[0].subnet: not a CIDR subnet
            plain secret        | cluster: {name: t}\\ndefaults:\\n  bmc: {password: hunter2} | t.yaml:3: defaults.bmc.password: must be a reference
            unknown group       | cluster: {name: t}\\ngroups:\\n  a: "@nosuch"          | t.yaml:3: groups.a: group "@inventory:nosuch": unknown
            self group          | cluster: {name: t}\\ngroups:\\n  a: "@a"               | t.yaml:3: groups.a: group @a is defined in terms of itself
            bad yaml            | cluster: {name: t\\nnodes: x                             | t.yaml:2: bad YAML: expected
            duplicate key       | cluster: {name: t}\\ncluster: {name: u}                  | t.yaml:2: cluster: duplicate key
            list not map        | cluster: [a, b]                                          | t.yaml:1: cluster: expected a mapping
            bad node name       | cluster: {name: t}\\nnodes:\\n  "bad name": {}          | t.yaml:3: nodes.bad name: bad node name
            audit unknown key   | cluster: {name: t}\\naudit: {path: /x}                  | t.yaml:2: audit.path: unknown field
            audit bad required  | cluster: {name: t}\\naudit: {required: maybe}           | t.yaml:2: audit.required: expected true or false, got "maybe"
            audit bad facility  | cluster: {name: t}\\naudit: {facility: mail2}           | t.yaml:2: audit.facility: unknown syslog facility "mail2"
            audit bad syslog    | cluster: {name: t}\\naudit: {syslog: dev/log}           | t.yaml:2: audit.syslog: expected the path of a local syslog socket
            bad protocol        | cluster: {name: t}\\ndefaults:\\n  bmc: {protocol: snmp} | t.yaml:3: defaults.bmc.protocol: expected ipmi or redfish, got "snmp"
            http url            | cluster: {name: t}\\nnodes:\\n  n1: {bmc: {url: "http://b1"}} | t.yaml:3: nodes.n1.bmc.url: not an https URL (https://host[:port]): "http://b1"
            url with a path     | cluster: {name: t}\\nnodes:\\n  n1: {bmc: {url: "https://b1/redfish/v1"}} | t.yaml:3: nodes.n1.bmc.url: not an https URL
            url in defaults     | cluster: {name: t}\\ndefaults:\\n  bmc: {url: "https://b1"} | t.yaml:3: defaults.bmc.url: unknown field
            short fingerprint   | cluster: {name: t}\\ndefaults:\\n  bmc: {fingerprint: "ab:cd"} | t.yaml:3: defaults.bmc.fingerprint: not a SHA-256 fingerprint (64 hex digits, colons allowed): "ab:cd"
            bad insecure        | cluster: {name: t}\\ndefaults:\\n  bmc: {insecure: yes-please} | t.yaml:3: defaults.bmc.insecure: expected true or false, got "yes-please"
            """)
    void malformedFilesNameFileLineAndField(String title, String yaml, String message) {
        assertThatThrownBy(() -> InventoryLoader.read("t.yaml", new StringReader(yaml.replace("\\n", "\n"))))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theAuditSectionDefaultsToARequiredLogAndNoSyslog() {
        Inventory none = InventoryLoader.read("t.yaml", new StringReader("cluster: {name: t}\n"));
        assertThat(none.audit()).isEqualTo(new Audit(null, true, null, "authpriv"));
        Inventory all = InventoryLoader.read("t.yaml", new StringReader(
                "cluster: {name: t}\naudit: {file: /l/a.log, required: false, syslog: /dev/log, facility: local3}\n"));
        assertThat(all.audit()).isEqualTo(new Audit("/l/a.log", false, "/dev/log", "local3"));
    }

    @Test
    void lookupOrderPrefersTheCurrentDirectoryThenConfigThenExample(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config");
        Map<String, String> env = Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", config.toString());
        Path work = Files.createDirectories(dir.resolve("work"));
        InventoryLoader.Found none = InventoryLoader.find(null, work, env);
        assertThat(none.example()).isEqualTo(!Files.exists(Path.of("/etc/herd/cluster.yaml")));

        Files.createDirectories(config.resolve("herd"));
        Files.writeString(config.resolve("herd/cluster.yaml"), "cluster: {name: from-config}\n");
        assertThat(InventoryLoader.find(null, work, env).inventory().name()).isEqualTo("from-config");

        Files.writeString(work.resolve("cluster.yaml"), "cluster: {name: from-cwd}\n");
        assertThat(InventoryLoader.find(null, work, env).inventory().name()).isEqualTo("from-cwd");

        Path explicit = Files.writeString(dir.resolve("x.yaml"), "cluster: {name: explicit}\n");
        assertThat(InventoryLoader.find(explicit, work, env).inventory().name()).isEqualTo("explicit");
        assertThat(InventoryLoader.find(explicit, work, env).inventory().source()).isEqualTo(explicit.toString());
    }

    @Test
    void missingExplicitFileIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> InventoryLoader.find(dir.resolve("nope.yaml"), dir, Map.of()))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
    }

    @Test
    void variablesAreNamesToStringsAndABadNameIsReportedOnItsLine() {
        Inventory inv = read("""
                cluster: {name: t}
                variables:
                  TIME_CONF: /etc/chrony/chrony.conf
                  PKG_CLEAN: "apt-get clean"
                  PORT: 2222
                """);
        assertThat(inv.variables()).containsExactly(Map.entry("TIME_CONF", "/etc/chrony/chrony.conf"),
                Map.entry("PKG_CLEAN", "apt-get clean"), Map.entry("PORT", "2222"));
        assertThat(read("cluster: {name: t}\n").variables()).isEmpty();
        assertThatThrownBy(() -> read("cluster: {name: t}\nvariables:\n  OK: 1\n  bad-name: x\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith("t.yaml:4: variables.bad-name: bad variable name \"bad-name\"");
    }

    private static Inventory read(String yaml) {
        return InventoryLoader.read("t.yaml", new StringReader(yaml));
    }
}
