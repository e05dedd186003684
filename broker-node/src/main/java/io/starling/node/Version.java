package io.starling.node;

/** The broker's version, as $SYS/broker/version and the logs show it. */
public final class Version {

    private Version() {
    }

    public static final String VERSION = versionFromJar();

    private static String versionFromJar() {
        String version = Version.class.getPackage().getImplementationVersion();
        return "starling " + (version == null ? "0.1.0-SNAPSHOT" : version);
    }
}
