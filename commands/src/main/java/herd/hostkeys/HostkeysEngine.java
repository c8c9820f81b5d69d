package herd.hostkeys;

import herd.files.EditReport;
import herd.files.FileChange;
import herd.files.FileEditException;
import herd.files.FileEditor;
import herd.files.LocalFileAccess;
import herd.files.WriteMode;
import herd.nodeset.NodeSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The host keys herd trusts, node by node: what known_hosts pins ({@link #show}), what the nodes
 * present now against it ({@link #scan}), unpinning ({@link #forget}, ssh-keygen -R for many nodes),
 * and pinning the keys a deploy saw a node report ({@link #learn}). Every write goes through
 * {@link FileEditor}: atomic, with a backup ({@code known_hosts.herd-bak}).
 * <pre>{@code
 * HostkeysEngine e = new HostkeysEngine();
 * e.show(places);                          // one row per group of nodes with the same keys
 * e.learn(place, List.of(HostKey.parse("ssh-ed25519 AAAA...")));
 * }</pre>
 */
public final class HostkeysEngine {

    private final FileEditor editor = new FileEditor(new LocalFileAccess());

    /** What known_hosts says of each node, nodes with identical rows folded together. */
    public List<HostkeysResult.Shown> show(List<HostKeyPlace> places) {
        Map<String, KnownHostsFile> files = new LinkedHashMap<>();
        Map<Shown, List<String>> groups = new LinkedHashMap<>();
        for (HostKeyPlace p : places) {
            KnownHostsFile f = files.computeIfAbsent(p.knownHosts().toString(), x -> read(p.knownHosts()));
            List<HostKey> pinned = f.pinned(p.names());
            List<HostKey> cas = f.authorities(p.names()).stream().filter(k -> !f.revoked(k)).toList();
            String status = pinned.isEmpty() && cas.isEmpty() ? "unknown"
                    : pinned.isEmpty() ? "certified" : cas.isEmpty() ? "pinned" : "pinned, certified";
            List<String> prints = new ArrayList<>(pinned.stream().map(HostKey::describe).toList());
            cas.forEach(k -> prints.add("CA " + k.describe()));
            groups.computeIfAbsent(new Shown(status, prints, p.knownHosts().toString()), k -> new ArrayList<>())
                    .add(p.node());
        }
        List<HostkeysResult.Shown> rows = new ArrayList<>();
        groups.forEach((k, nodes) -> rows.add(new HostkeysResult.Shown(NodeSet.fromNames(nodes).toString(), k.status(),
                k.prints(), k.file())));
        return rows;
    }

    /** A row of show before its nodes are folded: nodes with equal rows share one. */
    private record Shown(String status, List<String> prints, String file) {
    }

    /**
     * What each node presents now ({@code presented}: node -> its key, or the reason none came) against
     * what is pinned; nothing is written. Folded like {@link #show}.
     */
    public List<HostkeysResult.Scanned> scan(List<HostKeyPlace> places, Function<String, ScanAnswer> presented) {
        Map<String, KnownHostsFile> files = new LinkedHashMap<>();
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        for (HostKeyPlace p : places) {
            KnownHostsFile f = files.computeIfAbsent(p.knownHosts().toString(), x -> read(p.knownHosts()));
            ScanAnswer a = presented.apply(p.node());
            List<HostKey> pinned = f.pinned(p.names());
            String verdict;
            String key = a.key() == null ? "" : a.key().describe();
            if (a.key() == null) {
                verdict = "not scanned: " + a.problem();
            } else if (pinned.contains(a.key())) {
                verdict = "matches the pinned key";
            } else if (pinned.stream().anyMatch(k -> k.type().equals(a.key().type()))) {
                verdict = "DIFFERS from the pinned " + pinned.stream().filter(k -> k.type().equals(a.key().type()))
                        .findFirst().orElseThrow().describe();
            } else {
                verdict = pinned.isEmpty() ? "not pinned" : "not pinned (other key types are)";
            }
            groups.computeIfAbsent(List.of(verdict, key), k -> new ArrayList<>()).add(p.node());
        }
        List<HostkeysResult.Scanned> rows = new ArrayList<>();
        groups.forEach((k, nodes) -> rows.add(new HostkeysResult.Scanned(NodeSet.fromNames(nodes).toString(), k.get(1),
                k.get(0))));
        return rows;
    }

    /** One node's answer to a scan: the key it presented, or why there is none. */
    public record ScanAnswer(HostKey key, String problem) {
    }

    /** Unpins the nodes: their plain entries go (names, addresses, [host]:port forms, hashed too). */
    public EditReport forget(List<HostKeyPlace> places, WriteMode mode) {
        Map<Path, List<HostKeyPlace>> byFile = new LinkedHashMap<>();
        places.forEach(p -> byFile.computeIfAbsent(p.knownHosts(), x -> new ArrayList<>()).add(p));
        List<FileChange> changes = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Map.Entry<Path, List<HostKeyPlace>> e : byFile.entrySet()) {
            if (!Files.exists(e.getKey())) {
                continue;
            }
            FileChange c = editor.open(e.getKey().toString());
            String text = c.before();
            List<String> forgotten = new ArrayList<>();
            for (HostKeyPlace p : e.getValue()) {
                KnownHostsFile f = KnownHostsFile.parse(text);
                if (!f.pinned(p.names()).isEmpty()) {
                    forgotten.add(p.node());
                }
                text = f.forget(p.names());
            }
            changes.add(c.withAfter(text));
            if (!forgotten.isEmpty()) {
                done.add("forgot " + NodeSet.fromNames(forgotten) + " in " + e.getKey());
            }
        }
        boolean write = mode != WriteMode.DRY_RUN && changes.stream().anyMatch(FileChange::changed);
        if (write) {
            editor.commit(changes, Map.of());
        }
        return EditReport.of(changes, done, write, false);
    }

    /**
     * Pins {@code keys} as the node's only keys: its entries replaced, the previous file kept as the
     * backup. Returns the backup's path ("" when there was no file before).
     */
    public String learn(HostKeyPlace place, List<HostKey> keys) {
        return edit(place.knownHosts(), text -> KnownHostsFile.parse(text).replace(place.names(), keys));
    }

    /**
     * Certifies the node's reported keys with its host CA, publishes the certificates under
     * {@code publish} (where the node's install fetches them), and trusts the CA for the node's
     * names in known_hosts ({@code @cert-authority}). Returns the certificates.
     */
    public List<Path> certify(HostKeyPlace place, List<HostKey> keys, Path publish) {
        HostKeyPlace.HostCa ca = place.ca().orElseThrow(() -> new HostkeysException(place.node()
                + ": no ssh.host-ca in the inventory"));
        HostCertifier certifier = new HostCertifier(ca);
        List<Path> certs = certifier.certify(place, keys, publish);
        HostKey caKey = certifier.publicKey();
        edit(place.knownHosts(), text -> KnownHostsFile.parse(text).authorize(place.names(), caKey));
        return certs;
    }

    /** Rewrites a known_hosts file (made when absent) through the editor; retried when another writer got there first. */
    private String edit(Path file, java.util.function.UnaryOperator<String> change) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, change.apply(""));
                return "";
            }
        } catch (IOException e) {
            throw new HostkeysException(file + ": cannot write: " + e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            FileChange c = editor.open(file.toString());
            FileChange next = c.withAfter(change.apply(c.before()));
            try {
                editor.commit(List.of(next), Map.of());
                return next.changed() ? editor.files().backupOf(file.toString()) : "";
            } catch (FileEditException e) {
                if (attempt == 3) {
                    throw new HostkeysException(e.getMessage());
                }
            }
        }
    }

    private static KnownHostsFile read(Path file) {
        try {
            return KnownHostsFile.parse(Files.exists(file) ? Files.readString(file) : "");
        } catch (IOException e) {
            throw new HostkeysException(file + ": cannot read: " + e.getMessage());
        }
    }
}
