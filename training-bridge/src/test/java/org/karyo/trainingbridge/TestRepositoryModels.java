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
 * The repository keeps one shipped model per kind and the one checkpoint that continues each (docs/models.md):
 * every further model file would be in every clone forever.
 */
class TestRepositoryModels {

    static final Path ASSETS = Path.of("../assets").toAbsolutePath().normalize();
    static final long MAX_BYTES = 20L * 1024 * 1024;

    /** The shipped models, one per kind: the chromosome detector and the karyogram classifier. */
    static final List<String> SHIPPED = List.of("models/deepchm-default.onnx", "models/karyo-classifier.onnx");

    @Test
    void oneModelPerKindAndOneCheckpointEach() throws IOException {
        List<Path> models = files(p -> p.toString().endsWith(".onnx"));
        List<Path> shipped = SHIPPED.stream()
                .map(ASSETS::resolve)
                .filter(Files::exists)
                .sorted()
                .toList();
        assertEquals(shipped, models, "only the shipped models in assets/ (docs/models.md: overwrite, do not add)");
        List<Path> checkpoints =
                files(p -> p.toString().endsWith(".pt") || p.toString().endsWith(".pth"));
        // checkpoints/<model>-<version>/: one version per model
        java.util.Map<String, List<Path>> perModel = new java.util.TreeMap<>();
        for (Path c : checkpoints) {
            String folder = c.getParent().getFileName().toString().replaceAll("-\\d+(\\.\\d+)*$", "");
            perModel.computeIfAbsent(folder, k -> new java.util.ArrayList<>()).add(c);
        }
        perModel.forEach((model, files) ->
                assertEquals(1, files.size(), "one checkpoint per model (docs/models.md), " + model + ": " + files));
        assertTrue(perModel.size() <= shipped.size(), "a checkpoint for a model that is not shipped: " + perModel);
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
