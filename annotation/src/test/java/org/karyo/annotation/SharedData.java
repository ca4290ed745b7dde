package org.karyo.annotation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data (../shared/data, never copied into the repository); tests skip, saying why, without it. */
public final class SharedData {

    /** Set by surefire to ${maven.multiModuleProjectDirectory}/../shared/data. */
    public static final String PROPERTY = "karyo.shared.data";

    private SharedData() {}

    public static Path dir(String relative) {
        String p = System.getProperty(PROPERTY);
        Path root = p != null && !p.isBlank() ? Path.of(p) : Path.of("../../shared/data");
        Path d = root.toAbsolutePath().normalize().resolve(relative);
        requiredInCi(root.toAbsolutePath().normalize());
        assumeTrue(Files.exists(d), "../shared/data absent: " + d + " not found (set -D" + PROPERTY + ")");
        return d;
    }

    /**
     * In CI ({@code CI=true}) the shared data must be there: a missing folder fails the test
     * instead of skipping it, so real-data coverage cannot vanish while CI stays green.
     */
    static void requiredInCi(Path root) {
        if ("true".equals(System.getenv("CI")) && !Files.isDirectory(root)) {
            throw new AssertionError(
                    "CI=true but the shared data folder " + root + " is missing (set -D" + PROPERTY + ")");
        }
    }
}
