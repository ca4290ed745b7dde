package org.karyo.inference.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import org.karyo.inference.model.ModelLocator;

/** Which classifier file to run: the one named, else $KARYO_CLASSIFIER, else the bundled one. */
public final class ClassifierLocator {

    private ClassifierLocator() {}

    public static Path resolve(Path explicit) throws ModelLocator.NoModelException {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new ModelLocator.NoModelException("classifier model file not found: " + explicit);
            }
            return explicit;
        }
        String env = System.getenv("KARYO_CLASSIFIER");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isRegularFile(p)) {
                throw new ModelLocator.NoModelException("KARYO_CLASSIFIER points to a missing file: " + p);
            }
            return p;
        }
        Path home = ModelLocator.home().orElse(Path.of("."));
        Path bundled = home.resolve(ClassifierModel.DEFAULT_RELATIVE);
        if (Files.isRegularFile(bundled)) {
            return bundled;
        }
        throw new ModelLocator.NoModelException(
                "no chromosome classifier installed (" + ClassifierModel.DEFAULT_RELATIVE
                        + " under the installation is missing): reinstall Karyo or pass --classifier MODEL.onnx");
    }
}
