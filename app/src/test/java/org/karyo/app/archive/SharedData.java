package org.karyo.app.archive;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data (../shared/data, never copied into the repository); tests skip, saying why, without it. */
public final class SharedData {

    /** Set by surefire to ${maven.multiModuleProjectDirectory}/../shared/data. */
    static final String PROPERTY = "karyo.shared.data";

    private SharedData() {}

    public static Path dir(String relative) {
        String p = System.getProperty(PROPERTY);
        Path root = p != null && !p.isBlank() ? Path.of(p) : Path.of("../../shared/data");
        Path d = root.toAbsolutePath().normalize().resolve(relative);
        assumeTrue(Files.exists(d), "../shared/data absent: " + d + " not found (set -D" + PROPERTY + ")");
        return d;
    }
}
