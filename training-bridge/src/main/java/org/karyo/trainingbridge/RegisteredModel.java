package org.karyo.trainingbridge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A model in the registry, as its {@code model.json} describes it.
 *
 * @param metadata the ONNX metadata_props at registration
 * @param metrics  free-form; by convention "evaluation" is the Java evaluation report
 *                 (what {@code karyo eval} prints) and "trainer" the trainer's last validation
 * @param source   where it came from: the training run folder, or the registered file
 */
public record RegisteredModel(
        String id,
        Path dir,
        String name,
        String version,
        boolean trained,
        String sha256,
        long bytes,
        Instant registered,
        String source,
        Map<String, String> metadata,
        JsonNode metrics) {

    public static final String FORMAT = "karyo-model-1";

    public RegisteredModel {
        metadata = Map.copyOf(metadata);
        metrics = metrics == null ? MissingNode.getInstance() : metrics;
    }

    public Path file() {
        return dir.resolve(ModelRegistry.MODEL_FILE);
    }

    /**
     * What Karyo measured itself when the model was activated ({@link ActivationCheck}): the smoke
     * test's counts, never the file's own claims; missing when never activated.
     */
    public JsonNode measured() {
        try {
            JsonNode o = AtomicFiles.JSON.readTree(
                    dir.resolve(ModelRegistry.MODEL_JSON).toFile());
            return o == null ? MissingNode.getInstance() : o.path("measured");
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** Average precision: of the Java evaluation, else the trainer's, else the exporter's metadata. */
    public OptionalDouble ap() {
        return first(
                metrics.path("evaluation").path("ap"),
                metrics.path("trainer").path("ap"),
                exportMetrics().path("ap"));
    }

    /** F1 at the best threshold, from the same sources as {@link #ap()}. */
    public OptionalDouble f1() {
        return first(
                metrics.path("evaluation").path("bestF1").path("f1"),
                metrics.path("trainer").path("f1"),
                exportMetrics().path("f1"));
    }

    private JsonNode exportMetrics() {
        String s = metadata.get("training.metrics");
        JsonNode n = s == null ? null : TrainingEvent.tryJson(s);
        return n == null ? MissingNode.getInstance() : n;
    }

    private static OptionalDouble first(JsonNode... candidates) {
        for (JsonNode n : candidates) {
            if (n.isNumber()) {
                return OptionalDouble.of(n.asDouble());
            }
        }
        return OptionalDouble.empty();
    }

    ObjectNode toJson() {
        ObjectNode o = AtomicFiles.JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("id", id);
        o.put("name", name);
        o.put("version", version);
        o.put("trained", trained);
        o.put("file", ModelRegistry.MODEL_FILE);
        o.put("sha256", sha256);
        o.put("bytes", bytes);
        o.put("registered", registered.toString());
        o.put("source", source);
        o.set("metadata", AtomicFiles.JSON.valueToTree(metadata));
        o.set("metrics", metrics.isMissingNode() ? AtomicFiles.JSON.createObjectNode() : metrics);
        return o;
    }

    static RegisteredModel read(Path dir) throws IOException {
        JsonNode o =
                AtomicFiles.JSON.readTree(dir.resolve(ModelRegistry.MODEL_JSON).toFile());
        if (o == null || !FORMAT.equals(o.path("format").asText())) {
            throw new IOException(dir.resolve(ModelRegistry.MODEL_JSON) + " is not a " + FORMAT + " description");
        }
        Map<String, String> md = AtomicFiles.JSON.convertValue(o.path("metadata"), new TypeReference<>() {});
        return new RegisteredModel(
                o.path("id").asText(),
                dir,
                o.path("name").asText(),
                o.path("version").asText(),
                o.path("trained").asBoolean(),
                o.path("sha256").asText(),
                o.path("bytes").asLong(),
                Instant.parse(o.path("registered").asText()),
                o.path("source").asText(null),
                md == null ? Map.of() : md,
                o.path("metrics"));
    }
}
