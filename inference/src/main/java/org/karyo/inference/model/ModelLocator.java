package org.karyo.inference.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which model file to run: the one named on the command line, else $KARYO_MODEL, else the active
 * model of the registry ({@code <data>/models/active}, see {@link KaryoData} and docs/training.md),
 * else the bundled default model under the installation ({@code karyo.home} system property, set
 * by the launcher).
 */
public final class ModelLocator {

    public static final String BUNDLED = "assets/models/deepchm-default.onnx";
    /** Registry ids are single path elements; anything else in the active file is not followed. */
    private static final Pattern REGISTRY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ModelLocator() {}

    /** Raised when no model can be found; its message tells the user how to get one. */
    public static final class NoModelException extends Exception {
        public NoModelException(String message) {
            super(message);
        }
    }

    public static Path resolve(Path explicit) throws NoModelException {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new NoModelException("model file not found: " + explicit);
            }
            return explicit;
        }
        String env = System.getenv("KARYO_MODEL");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p)) {
                throw new NoModelException("KARYO_MODEL points to a missing file: " + p);
            }
            return p;
        }
        Optional<Path> active = registryActive(KaryoData.models());
        if (active.isPresent()) {
            return active.get();
        }
        Optional<Path> bundled = home().map(h -> h.resolve(BUNDLED)).filter(Files::isRegularFile);
        if (bundled.isPresent()) {
            return bundled.get();
        }
        throw new NoModelException(
                """
                No trained chromosome-detection model is installed, so nothing can be counted.
                  The bundled default model (assets/models/deepchm-default.onnx under the installation) is missing:
                  reinstall Karyo, or train or obtain a DeepCHM model that follows docs/onnx-contract.md and run
                    ./karyo count --model MODEL.onnx IMAGES...   (or set KARYO_MODEL=MODEL.onnx)""");
    }

    /**
     * The registry's active model file, empty when no model was ever activated. An active entry
     * whose file is gone is an error, not a reason to fall back silently to another model.
     */
    public static Optional<Path> registryActive(Path modelsDir) throws NoModelException {
        Path activeFile = modelsDir.resolve("active");
        if (!Files.isRegularFile(activeFile)) {
            return Optional.empty();
        }
        String id;
        try {
            id = Files.readString(activeFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new NoModelException(
                    "cannot read the active model of the registry (" + activeFile + "): " + e.getMessage());
        }
        if (!REGISTRY_ID.matcher(id).matches()) {
            throw new NoModelException(
                    "the model registry's active file " + activeFile + " does not name a model id: '" + id + "'");
        }
        Path file = modelsDir.resolve(id).resolve("model.onnx");
        if (!Files.isRegularFile(file)) {
            throw new NoModelException("the active model " + id + " is missing from the registry (" + file
                    + "): activate another one with 'karyo models activate ID' or 'karyo models rollback'");
        }
        return Optional.of(file);
    }

    public static Optional<Path> home() {
        String h = System.getProperty("karyo.home");
        return h == null ? Optional.empty() : Optional.of(Path.of(h));
    }
}
