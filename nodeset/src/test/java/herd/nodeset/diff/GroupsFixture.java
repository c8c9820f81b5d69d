package herd.nodeset.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ClusterShell group configuration in a temp directory: a YAML autodir source "yml" (default),
 * a second YAML source "other" with an "all" group, an upcall source "up" (map/all/list over a
 * text file) and a confdir source "ext". Paths inside use $CFGDIR, so outputs do not depend on
 * where the directory is.
 */
final class GroupsFixture {
    private GroupsFixture() {
    }

    static Path create(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("groups.d"));
        Files.createDirectories(dir.resolve("groups.conf.d"));
        Files.writeString(dir.resolve("groups.conf"), """
                [Main]
                default: yml
                confdir: $CFGDIR/groups.conf.d
                autodir: $CFGDIR/groups.d

                [up]
                map: sed -n 's/^$GROUP:\\(.*\\)/\\1/p' $CFGDIR/up.txt
                all: sed -n 's/^all:\\(.*\\)/\\1/p' $CFGDIR/up.txt
                list: sed -n 's/^\\([0-9A-Za-z_-]*\\):.*/\\1/p' $CFGDIR/up.txt
                """);
        Files.writeString(dir.resolve("up.txt"), """
                rack1: n[1-4]
                rack2: n[5-8]
                gpu: n[2,6] x1
                all: n[1-8] x1
                """);
        Files.writeString(dir.resolve("groups.d/cluster.yaml"), """
                yml:
                    compute: 'node[01-10]'
                    gpu: 'node[09-10]'
                    login: [ 'login1', 'login2' ]
                    rack1: 'node[01-05]'
                    rack2: 'node[06-10]'
                    rack10: '@rack1,@rack2'
                    io:
                      - io1
                      - io[2-3]
                    grid: 'r[1-2]n[1-4]'
                other:
                    all: 'o[1-3]'
                    a: 'o1'
                    b: 'o[2-3]'
                """);
        Files.writeString(dir.resolve("groups.conf.d/extra.conf"), """
                [ext]
                map: echo e[1-2]
                list: echo g1 g2
                """);
        return dir.resolve("groups.conf");
    }
}
