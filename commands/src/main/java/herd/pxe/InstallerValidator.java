package herd.pxe;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * herd's own syntax checks of installer configs, run on every render: kickstart command and
 * section structure, AutoYaST XML well-formedness (JDK parser), autoinstall YAML structure and
 * keys, preseed line syntax (Debian 12 packages no installer validator: see docs/pxe.md).
 * <pre>{@code
 * List<String> problems = InstallerValidator.check(OsFamily.EL, "group_compute.kickstart.cfg", text);
 * }</pre>
 */
public final class InstallerValidator {

    private static final Set<String> KS_COMMANDS = Set.of("text", "graphical", "cmdline", "firstboot", "keyboard",
            "lang", "timezone", "timesource", "reboot", "poweroff", "halt", "shutdown", "rootpw", "user", "sshkey",
            "network", "selinux", "firewall", "bootloader", "clearpart", "autopart", "part", "partition",
            "ignoredisk", "zerombr", "reqpart", "volgroup", "logvol", "raid", "url", "repo", "services", "skipx",
            "logging", "eula", "authselect", "module", "zfcp", "iscsi", "iscsiname", "realm", "rescue",
            "xconfig", "mount", "nfs", "harddrive", "liveimg", "ostreesetup", "snapshot", "group", "vnc");
    private static final Set<String> KS_SECTIONS = Set.of("%packages", "%post", "%pre", "%pre-install",
            "%onerror", "%addon", "%anaconda", "%traceback");
    private static final Set<String> AUTOINSTALL_KEYS = Set.of("version", "interactive-sections", "early-commands",
            "locale", "refresh-installer", "keyboard", "source", "network", "proxy", "apt", "storage", "identity",
            "active-directory", "ubuntu-pro", "ssh", "codecs", "drivers", "oem", "snaps", "debconf-selections",
            "packages", "kernel", "kernel-crash-dumps", "timezone", "updates", "shutdown", "late-commands",
            "error-commands", "reporting", "user-data");
    private static final Set<String> PRESEED_TYPES = Set.of("string", "boolean", "select", "multiselect", "note",
            "password", "text", "error", "title", "seen");

    private InstallerValidator() {
    }

    /** Problems found in an installer config, each {@code name:line: message}; empty when fine. */
    public static List<String> check(OsFamily os, String name, String text) {
        return switch (os) {
            case EL -> kickstart(name, text);
            case UBUNTU -> autoinstall(name, text);
            case DEBIAN -> preseed(name, text);
            case OPENSUSE -> autoyast(name, text);
        };
    }

    static List<String> kickstart(String name, String text) {
        List<String> out = new ArrayList<>();
        String open = null;
        int openLine = 0;
        Set<String> seen = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String word = line.split("\\s+")[0];
            if (open != null) {
                if (word.equals("%end")) {
                    open = null;
                } else if (KS_SECTIONS.contains(word)) {
                    out.add(name + ":" + (i + 1) + ": " + word + " inside " + open + " (line " + openLine + ") without %end");
                }
            } else if (line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (KS_SECTIONS.contains(word)) {
                open = word;
                openLine = i + 1;
                seen.add(word);
            } else if (word.equals("%end")) {
                out.add(name + ":" + (i + 1) + ": %end without a section");
            } else if (!KS_COMMANDS.contains(word)) {
                out.add(name + ":" + (i + 1) + ": unknown kickstart command '" + word + "'");
            } else {
                seen.add(word);
            }
        }
        if (open != null) {
            out.add(name + ":" + openLine + ": " + open + " not closed by %end");
        }
        for (String required : List.of("rootpw", "timezone", "lang", "keyboard", "bootloader", "%packages")) {
            if (!seen.contains(required)) {
                out.add(name + ": missing '" + required + "'");
            }
        }
        return out;
    }

    static List<String> autoyast(String name, String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
            if (!"profile".equals(root.getLocalName()) || !"http://www.suse.com/1.0/yast2ns".equals(root.getNamespaceURI())) {
                return List.of(name + ":1: root element must be <profile> in the yast2ns namespace");
            }
            return List.of();
        } catch (SAXParseException e) {
            return List.of(name + ":" + e.getLineNumber() + ": " + e.getMessage());
        } catch (Exception e) {
            return List.of(name + ": " + e.getMessage());
        }
    }

    static List<String> autoinstall(String name, String text) {
        if (!text.startsWith("#cloud-config\n")) {
            return List.of(name + ":1: user-data must start with '#cloud-config'");
        }
        Object doc;
        try {
            doc = new Yaml(new LoaderOptions()).load(text);
        } catch (MarkedYAMLException e) {
            return List.of(name + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        }
        if (!(doc instanceof Map<?, ?> top) || !(top.get("autoinstall") instanceof Map<?, ?> ai)) {
            return List.of(name + ": no 'autoinstall:' mapping");
        }
        List<String> out = new ArrayList<>();
        if (!Integer.valueOf(1).equals(ai.get("version"))) {
            out.add(name + ": autoinstall.version must be 1");
        }
        ai.keySet().stream().filter(k -> !AUTOINSTALL_KEYS.contains(String.valueOf(k)))
                .forEach(k -> out.add(name + ": unknown autoinstall key '" + k + "'"));
        if (!ai.containsKey("identity") && !ai.containsKey("user-data")) {
            out.add(name + ": autoinstall needs 'identity' or 'user-data'");
        }
        return out;
    }

    static List<String> preseed(String name, String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (logical.length() == 0) {
                start = i + 1;
            }
            String line = lines[i];
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String entry = logical.toString().strip();
            logical.setLength(0);
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] f = entry.split("\\s+", 4);
            if (f.length < 3 || !f[1].contains("/")) {
                out.add(name + ":" + start + ": expected 'OWNER QUESTION TYPE VALUE'");
            } else if (!PRESEED_TYPES.contains(f[2])) {
                out.add(name + ":" + start + ": unknown type '" + f[2] + "' for " + f[1]);
            } else if ((f[2].equals("boolean") || f[2].equals("seen")) && (f.length < 4 || !f[3].matches("true|false"))) {
                out.add(name + ":" + start + ": " + f[1] + ": " + f[2] + " must be true or false");
            }
        }
        if (logical.length() > 0) {
            out.add(name + ":" + start + ": continuation '\\' on the last line");
        }
        return out;
    }
}
