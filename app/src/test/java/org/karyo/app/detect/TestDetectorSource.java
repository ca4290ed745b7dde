package org.karyo.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.ModelLocator;

/** The workstation follows the registry: a model activated while it runs is used for the next detection. */
class TestDetectorSource {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path data;

    private String oldData;

    @AfterEach
    void restore() {
        if (oldData == null) {
            System.clearProperty("karyo.data");
        } else {
            System.setProperty("karyo.data", oldData);
        }
    }

    @Test
    void switchesToANewlyActivatedModel() throws Exception {
        oldData = System.getProperty("karyo.data");
        System.setProperty("karyo.home", HOME.toString());
        System.setProperty("karyo.data", data.toString());
        Path bundled = HOME.resolve(ModelLocator.BUNDLED);
        try (DetectorSource source = DetectorSource.of(null, false)) {
            Detector first = source.detector();
            assertEquals(bundled, first.model().file());
            assertSame(first, source.detector(), "opened once while nothing changes");

            // what `karyo models activate` leaves behind: models/<id>/model.onnx and models/active
            Path copy = data.resolve("models/retrained-1/model.onnx");
            Files.createDirectories(copy.getParent());
            Files.copy(bundled, copy);
            Files.writeString(data.resolve("models/active"), "retrained-1\n");

            Detector second = source.detector();
            assertNotSame(first, second);
            assertEquals(copy, second.model().file());
            assertEquals(copy, source.provenance().file());
        }
    }
}
