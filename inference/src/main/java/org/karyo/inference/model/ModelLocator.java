package org.karyo.inference.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which model file to run: the one named on the command line, else $KARYO_MODEL, else the bundled
 * default model under the installation ({@code karyo.home} system property, set by the launcher).
 */
public final class ModelLocator {

    public static final String BUNDLED = "assets/models/deepchm-default.onnx";

    private ModelLocator() {
    }

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
        Optional<Path> bundled = home().map(h -> h.resolve(BUNDLED)).filter(Files::isRegularFile);
        if (bundled.isPresent()) {
            return bundled.get();
        }
        throw new NoModelException("""
                No trained chromosome-detection model is installed, so nothing can be counted.
                  The default model (assets/models/deepchm-default.onnx) has not been trained and bundled yet.
                  To count now, train or obtain a DeepCHM model that follows docs/onnx-contract.md and run
                    ./karyo count --model MODEL.onnx IMAGES...   (or set KARYO_MODEL=MODEL.onnx)""");
    }

    public static Optional<Path> home() {
        String h = System.getProperty("karyo.home");
        return h == null ? Optional.empty() : Optional.of(Path.of(h));
    }
}
