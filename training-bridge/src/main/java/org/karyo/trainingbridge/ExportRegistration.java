package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.karyo.inference.model.ContractException;

/**
 * After a successful run: evaluates the exported ONNX in Java on the run's validation split
 * ({@link PostExportEvaluation}), calibrates its operating point there when asked (the registered
 * file is then the calibrated copy beside the export), and registers it with those metrics and
 * the trainer's own.
 * A model whose evaluation cannot run is still registered (it may be evaluated later with
 * {@code karyo eval}); the reason is kept in its metrics and in {@link Registered#note()}.
 */
public final class ExportRegistration {

    private ExportRegistration() {}

    /**
     * The registered model and its Java evaluation.
     *
     * @param evaluation the Java evaluation, or null when it could not run
     * @param note       why there is no evaluation, or null
     */
    public record Registered(RegisteredModel model, PostExportEvaluation.Result evaluation, String note) {}

    public static Registered register(
            ModelRegistry registry,
            TrainingOutcome outcome,
            Path runDir,
            boolean preferGpu,
            boolean calibrate,
            Consumer<String> progress)
            throws RegistryException {
        if (!outcome.ok() || outcome.exportedModel() == null) {
            throw new RegistryException("nothing to register: " + outcome.message());
        }
        ObjectNode metrics = AtomicFiles.JSON.createObjectNode();
        if (outcome.lastValidation() != null) {
            metrics.set("trainer", outcome.lastValidation());
        }
        Path split = runDir.resolve(PostExportEvaluation.SPLIT_FILE);
        PostExportEvaluation.Result eval = null;
        String note = null;
        if (!Files.isRegularFile(split)) {
            note = "the trainer wrote no " + PostExportEvaluation.SPLIT_FILE + ": no Java evaluation";
        } else {
            try {
                eval = PostExportEvaluation.evaluate(
                        outcome.exportedModel(),
                        split,
                        calibrate ? calibratedPath(outcome.exportedModel()) : null,
                        preferGpu,
                        progress);
                eval.into(metrics);
            } catch (IOException | ContractException | RuntimeException e) {
                note = "Java evaluation failed: " + e.getMessage();
            }
        }
        if (note != null) {
            metrics.put("evaluation_error", note);
        }
        Path file = eval == null ? outcome.exportedModel() : eval.model(outcome.exportedModel());
        RegisteredModel m =
                registry.register(file, metrics, runDir.toAbsolutePath().toString());
        return new Registered(m, eval, note);
    }

    /** RUN/model.onnx -> RUN/model-calibrated.onnx: the export itself stays as the trainer wrote it. */
    static Path calibratedPath(Path exported) {
        String name = exported.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        return exported.resolveSibling(name + "-calibrated.onnx");
    }
}
