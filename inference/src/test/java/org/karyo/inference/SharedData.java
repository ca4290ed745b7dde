package org.karyo.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/data (set by surefire as karyo.shared.data); tests skip with a reason when absent. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir(String relative) {
        String base = System.getProperty("karyo.shared.data", "../shared/data");
        Path p = Path.of(base).resolve(relative).normalize();
        Assumptions.assumeTrue(Files.exists(p),
                "../shared/data/" + relative + " is absent (a user's machine): test skipped; CI has it");
        return p;
    }
}
