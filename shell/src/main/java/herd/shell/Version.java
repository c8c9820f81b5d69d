package herd.shell;

/** herd's version, from the jar manifest (Implementation-Version) when packaged. */
public final class Version {

    private Version() {
    }

    public static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    public static String text() {
        return "herd " + number() + " (Java " + Runtime.version() + ")";
    }
}
