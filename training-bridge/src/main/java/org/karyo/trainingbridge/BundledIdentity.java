package org.karyo.trainingbridge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.OnnxMetadataFile;

/**
 * A model that carries the bundled default model's name and version must be the bundled file:
 * an edited copy (a threshold raised to 0.99, weights changed) under that name would be reported
 * as the validated default in every count and report.
 */
final class BundledIdentity {

    private BundledIdentity() {}

    static void check(RegisteredModel m) throws RegistryException {
        Optional<Path> bundled = SmokeTest.Installation.find(ModelLocator.BUNDLED);
        if (bundled.isEmpty()) {
            return;
        }
        Map<String, String> md;
        String sha;
        try {
            md = OnnxMetadataFile.read(bundled.get());
            sha = AtomicFiles.sha256(bundled.get());
        } catch (IOException e) {
            return; // the bundled model itself is unreadable: every load of it will say so
        }
        if (m.name().equals(md.get("model.name"))
                && m.version().equals(md.get("model.version"))
                && !m.sha256().equals(sha)) {
            throw new RegistryException(m.id() + " is mislabelled: it carries the name and version of the bundled "
                    + "default model (" + m.name() + " " + m.version() + ") but is a different file (SHA-256 "
                    + m.sha256().substring(0, 12) + "..., the default is " + sha.substring(0, 12)
                    + "...); a changed model needs its own name or version. Not activated");
        }
    }
}
