package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository keeps one shipped model and the one checkpoint that continues it (docs/models.md):
 * every further model file would be in every clone forever.
 */
class TestRepositoryModels {

    static final Path ASSETS = Path.of("../assets").toAbsolutePath().normalize();
    static final long MAX_BYTES = 20L * 1024 * 1024;

    @Test
    void oneShippedModelAndOneCheckpoint() throws IOException {
        List<Path> models = files(p -> p.toString().endsWith(".onnx"));
        assertEquals(List.of(ASSETS.resolve("models/deepchm-default.onnx")), models,
                "one ONNX model in assets/ (docs/models.md: overwrite it, do not add another)");
        List<Path> checkpoints = files(p -> p.toString().endsWith(".pt") || p.toString().endsWith(".pth"));
        assertEquals(1, checkpoints.size(), "one checkpoint in assets/ (docs/models.md): " + checkpoints);
    }

    @Test
    void noHugeFiles() throws IOException {
        List<Path> huge = files(p -> p.toFile().length() > MAX_BYTES);
        assertTrue(huge.isEmpty(), "files over 20 MB under assets/ (docs/models.md): " + huge);
    }

    private static List<Path> files(java.util.function.Predicate<Path> which) throws IOException {
        try (Stream<Path> s = Files.walk(ASSETS)) {
            return s.filter(Files::isRegularFile).filter(which).sorted().toList();
        }
    }
}
