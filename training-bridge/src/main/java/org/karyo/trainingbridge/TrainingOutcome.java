package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param exitCode       the child's exit code (128 + N when killed by signal N)
 * @param lastStep       the last step the trainer reported, -1 if none
 * @param exportedModel  the ONNX file of the {@code export} event when it exists, else null
 * @param lastValidation the {@code metrics} of the last {@code validation} event, or null
 * @param message        what happened, in words; for a failure it ends with the tail of stderr
 * @param log            RUN_DIR/trainer.log, kept whatever the outcome
 */
public record TrainingOutcome(
        Status status,
        int exitCode,
        long lastStep,
        Path exportedModel,
        JsonNode lastValidation,
        String message,
        Path log) {

    public enum Status {
        OK,
        CANCELLED,
        FAILED
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
