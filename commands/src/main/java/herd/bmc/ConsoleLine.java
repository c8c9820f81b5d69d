package herd.bmc;

import java.time.Instant;

/** One line of a node's console output, as logged: {@code 2026-11-25T17:40:01.123Z valkyrie01 login:}. */
public record ConsoleLine(String node, Instant time, String text) {

    @Override
    public String toString() {
        return node + ": " + text;
    }
}
