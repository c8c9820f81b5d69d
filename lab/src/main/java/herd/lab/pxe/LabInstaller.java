package herd.lab.pxe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lab's "installer" honours of a rendered installer config: a kickstart (EL) or a
 * preseed (Debian). The result is a script the node runs once inside itself at the first boot of
 * its fresh disk (as anaconda runs %post in the installed system): the time zone, root's password
 * hash, the packages line checked against what the host has (the lab installs nothing), and the
 * config's own post-install scripts. herd's completion callback (the %post or late_command that
 * calls {@code /herd/install-finished}) is not in it: the lab's installer runs that one itself, in the
 * new system from the node's address, before the reboot, as the config says ({@link #callback}).
 *
 * <pre>{@code
 * String script = LabInstaller.firstBoot(kickstartText);   // -> DIR/nodes/NAME/install/firstboot
 * Optional<Script> last = LabInstaller.callback(kickstartText);
 * }</pre>
 */
final class LabInstaller {
    private static final Pattern PRESEED = Pattern.compile("^d-i\\s+(\\S+)\\s+\\S+\\s*(.*)$");
    private static final String CALLBACK = "/herd/install-finished";

    private LabInstaller() {
    }

    /** The config's completion step: its interpreter, log file (null: none) and script; empty when it has none. */
    static Optional<Script> callback(String config) {
        return Optional.ofNullable(plan(config).callback);
    }

    private static Plan plan(String config) {
        return config.lines().anyMatch(l -> l.startsWith("d-i ")) ? preseed(config) : kickstart(config);
    }

    static String firstBoot(String config) {
        Plan plan = plan(config);
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
        for (Script post : plan.posts) {
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
        final List<Script> posts = new ArrayList<>();
        Script callback;
    }

    /** A script of the config, run by {@code interpreter} with its output to {@code log} (null: none). */
    record Script(String interpreter, String log, String body) {
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
                } else {
                    Script post = new Script(option(words, "--interpreter", "/bin/sh"), option(words, "--log", null),
                            body.toString());
                    if (body.toString().contains(CALLBACK)) {
                        plan.callback = post;
                    } else {
                        plan.posts.add(post);
                    }
                }
                i = j;
            }
        }
        return plan;
    }

    private static Plan preseed(String config) {
        Plan plan = new Plan();
        // A value goes on over lines ending in a backslash; herd's late_command puts one command on each.
        List<String> lines = new ArrayList<>();
        for (String line : config.lines().toList()) {
            int last = lines.size() - 1;
            if (last >= 0 && lines.get(last).endsWith("\\")) {
                lines.set(last, lines.get(last).substring(0, lines.get(last).length() - 1) + "\n" + line);
            } else {
                lines.add(line);
            }
        }
        for (String line : lines) {
            if (line.startsWith("d-i preseed/late_command ")) {
                lateCommand(plan, line.substring(line.indexOf("string") + "string".length()));
                continue;
            }
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
                default -> {
                }
            }
        }
        return plan;
    }

    /** One command per line (a trailing {@code ;} ends it); in-target runs in the installed system, as the lab's scripts do. */
    private static void lateCommand(Plan plan, String value) {
        for (String line : value.split("\n")) {
            String command = line.strip().replaceFirst(";$", "").replaceFirst("^in-target ", "");
            if (command.isEmpty()) {
                continue;
            }
            Script script = new Script("/bin/sh", null, command + "\n");
            if (command.contains(CALLBACK)) {
                plan.callback = script;
            } else {
                plan.posts.add(script);
            }
        }
    }

    private static String option(List<String> words, String name, String otherwise) {
        int i = words.indexOf(name);
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : otherwise;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
