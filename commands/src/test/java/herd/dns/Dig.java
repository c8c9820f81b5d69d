package herd.dns;

import herd.files.ProcessRunner;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The independent witness: what {@code dig} gets from the lab's named. */
final class Dig {
    private Dig() {
    }

    static List<String> query(int port, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port),
                "+short", "+norecurse", "+time=2", "+tries=1"));
        cmd.addAll(Arrays.asList(args));
        ProcessRunner.Result r = new ProcessRunner().run(cmd, null, Duration.ofSeconds(10));
        return r.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static long serial(int port, String zone) {
        List<String> soa = query(port, zone, "SOA");
        return soa.isEmpty() ? -1 : Long.parseLong(soa.get(0).split("\\s+")[2]);
    }
}
