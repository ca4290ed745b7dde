package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a model must show before it becomes active, beyond its SHA-256 and the ONNX contract
 * (which {@link ModelRegistry} always checks). Returns what it measured, recorded in the model's
 * {@code model.json} under {@code measured} and shown apart from what the file claims; throws
 * when the model is refused.
 */
public interface ActivationCheck {

    /** The system property that picks the check for {@link ModelRegistry#atDefaultLocation()}. */
    String PROPERTY = "karyo.activationCheck";

    ObjectNode check(RegisteredModel model) throws RegistryException;

    /** Contract and hash only: for pipeline tests with random-weight fixture models, never set by the launchers. */
    static ActivationCheck contractOnly() {
        return m -> AtomicFiles.JSON.createObjectNode().put("check", "contract only");
    }

    /**
     * The smoke test ({@link SmokeTest#standard()}), unless {@code -Dkaryo.activationCheck=contract}
     * asks for {@link #contractOnly()} (the test suites of modules that train random-weight models).
     */
    static ActivationCheck standard() {
        return "contract".equals(System.getProperty(PROPERTY)) ? contractOnly() : SmokeTest.standard();
    }
}
