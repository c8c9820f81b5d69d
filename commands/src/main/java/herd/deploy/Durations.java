package herd.deploy;

import java.time.Duration;

/** Durations for people: {@code 4m12s}, {@code 45s}, {@code 1h02m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
