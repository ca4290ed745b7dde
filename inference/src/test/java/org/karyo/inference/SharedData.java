package org.karyo.inference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared real data (../shared/data, never copied into the repository). Tests that
 * need it skip, with the reason, where it is absent instead of failing.
 */
public final class SharedData {

    /** Set by surefire to ${maven.multiModuleProjectDirectory}/../shared/data. */
    public static final String PROPERTY = "karyo.shared.data";

    private SharedData() {}

    /** The shared data root: the property if set, else ../shared/data seen from the project root. */
    public static Path root() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        // Run from an IDE inside a module folder: the project root is one level up.
        Path fromModule = Path.of("../../shared/data").toAbsolutePath().normalize();
        return Files.isDirectory(fromModule)
                ? fromModule
                : Path.of("../shared/data").toAbsolutePath().normalize();
    }

    /** {@code relative} (a folder or file) below the shared data root; skips the calling test when it is not there. */
    public static Path dir(String relative) {
        Path d = root().resolve(relative);
        requiredInCi(root());
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
