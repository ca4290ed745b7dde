package org.karyo.core.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The product version, written once in the parent pom ({@code <version>}) and copied into
 * {@code version.properties} by Maven's resource filtering, so the command line, the window and the
 * log all say the version the jar was built as.
 */
public final class KaryoVersion {

    private static final String VERSION = load();

    private KaryoVersion() {}

    /** e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = KaryoVersion.class.getResourceAsStream("/org/karyo/core/version.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "version.properties is missing from karyo-core (a build without Maven?)");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
