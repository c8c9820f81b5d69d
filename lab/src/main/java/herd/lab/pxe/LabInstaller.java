package herd.lab.pxe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lab's "installer" honours of a rendered installer config: a kickstart (EL) or a
 * preseed (Debian). The result is a script the node runs once inside itself at the first boot of
 * its fresh disk (as anaconda runs %post in the installed system): the time zone, root's password
 * hash, the packages line checked against what the host has (the lab installs nothing), and the
 * config's own post-install scripts. herd's completion callback is left out: the lab's firmware
 * calls it itself, from the node's card, before the reboot.
 *
 * <pre>{@code
 * String script = LabInstaller.firstBoot(kickstartText);   // -> DIR/nodes/NAME/install/firstboot
 * }</pre>
 */
final class LabInstaller {
    private static final Pattern PRESEED = Pattern.compile("^d-i\\s+(\\S+)\\s+\\S+\\s*(.*)$");

    private LabInstaller() {
    }

    static String firstBoot(String config) {
        Plan plan = config.lines().anyMatch(l -> l.startsWith("d-i ")) ? preseed(config) : kickstart(config);
        StringBuilder b = new StringBuilder("#!/bin/bash\n# herd lab installer: run once inside the node at its first boot\n");
        if (plan.timezone != null) {
            b.append("echo 'timezone: ").append(plan.timezone).append("'\n")
                    .append("ln -sf /usr/share/zoneinfo/").append(plan.timezone).append(" /etc/localtime && echo ")
                    .append(quote(plan.timezone)).append(" > /etc/timezone\n");
        }
        if (plan.rootHash != null) {
            b.append("echo 'root password: hash from the installer config'\nusermod -p ").append(quote(plan.rootHash))
                    .append(" root\n");
        } else if (plan.rootLocked) {
            // '*', not '!': the node's sshd runs without PAM, and OpenSSH without PAM refuses every
            // login (keys too) to a '!' account; an installed system's sshd (with PAM) still takes keys.
            b.append("echo 'root password: locked'\nusermod -p '*' root\n");
        }
        for (String pkg : plan.packages) {
            b.append("if dpkg-query -W -f='${Status}' ").append(quote(pkg))
                    .append(" 2>/dev/null | grep -q 'ok installed' || command -v ").append(quote(pkg))
                    .append(" >/dev/null; then echo 'package ").append(pkg).append(": present'; else echo 'package ")
                    .append(pkg).append(": not on this host (the lab installs no package)'; fi\n");
        }
        int n = 0;
        for (Post post : plan.posts) {
            n++;
            String end = "HERD_LAB_POST_" + n;
            b.append("echo 'post-install script ").append(n).append("'\n").append(post.interpreter).append(" <<'")
                    .append(end).append("'").append(post.log == null ? "" : " > " + quote(post.log) + " 2>&1")
                    .append('\n').append(post.body).append(end).append('\n');
        }
        return b.toString();
    }

    private static final class Plan {
        String timezone;
        String rootHash;
        boolean rootLocked;
        final List<String> packages = new ArrayList<>();
        final List<Post> posts = new ArrayList<>();
    }

    private record Post(String interpreter, String log, String body) {
    }

    private static Plan kickstart(String config) {
        Plan plan = new Plan();
        List<String> lines = config.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            List<String> words = List.of(line.split("\\s+"));
            if (line.startsWith("timezone ")) {
                plan.timezone = words.stream().skip(1).filter(w -> !w.startsWith("--")).findFirst().orElse(null);
            } else if (line.startsWith("rootpw ")) {
                plan.rootLocked = words.contains("--lock");
                if (words.contains("--iscrypted")) {
                    plan.rootHash = words.get(words.size() - 1);
                }
            } else if (line.startsWith("%packages") || line.startsWith("%post")) {
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                for (; j < lines.size() && !lines.get(j).strip().equals("%end"); j++) {
                    body.append(lines.get(j)).append('\n');
                }
                if (line.startsWith("%packages")) {
                    body.toString().lines().map(String::strip)
                            .filter(p -> !p.isEmpty() && !p.startsWith("@") && !p.startsWith("-") && !p.startsWith("#"))
                            .forEach(plan.packages::add);
                } else if (!body.toString().contains("/herd/install-finished")) {
                    plan.posts.add(new Post(option(words, "--interpreter", "/bin/sh"), option(words, "--log", null),
                            body.toString()));
                }
                i = j;
            }
        }
        return plan;
    }

    private static Plan preseed(String config) {
        Plan plan = new Plan();
        for (String line : config.lines().toList()) {
            Matcher m = PRESEED.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            switch (m.group(1)) {
                case "time/zone" -> plan.timezone = value;
                case "passwd/root-password-crypted" -> plan.rootHash = value;
                case "passwd/root-login" -> plan.rootLocked = value.equals("false");
                case "pkgsel/include" -> plan.packages.addAll(List.of(value.split("\\s+")));
                case "preseed/late_command" -> {
                    if (!value.contains("/herd/install-finished")) {
                        // in-target runs in the installed system: here that is where the script runs.
                        plan.posts.add(new Post("/bin/sh", null, value.replace("in-target ", "") + "\n"));
                    }
                }
                default -> {
                }
            }
        }
        return plan;
    }

    private static String option(List<String> words, String name, String otherwise) {
        int i = words.indexOf(name);
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : otherwise;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
