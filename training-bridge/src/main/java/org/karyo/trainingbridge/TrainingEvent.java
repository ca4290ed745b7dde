package org.karyo.trainingbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.OptionalLong;

/**
 * One line from the trainer. A stdout line holding a JSON object with an {@code event} field is a
 * progress event of that type (table in docs/training.md); every other line, and every stderr line,
 * is a {@link #LOG} event carrying the raw text, so nothing the trainer says is lost.
 *
 * @param data the parsed object (MissingNode for log events, so {@code data.path(..)} is always safe)
 */
public record TrainingEvent(String type, JsonNode data, String line, Source source) {

    public static final String LOG = "log",
            START = "start",
            STEP = "step",
            VALIDATION = "validation",
            CHECKPOINT = "checkpoint",
            EXPORT = "export",
            DONE = "done",
            ERROR = "error";

    // Python's json.dumps writes NaN and Infinity (a validation loss over no images): accept them
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Which stream of the child the line came from. */
    public enum Source {
        STDOUT,
        STDERR
    }

    public static TrainingEvent parse(String line) {
        JsonNode n = line.startsWith("{") ? tryJson(line) : null;
        if (n != null) {
            // "event" per docs/training.md; "type" accepted too, the trainer is written separately
            JsonNode type = n.hasNonNull("event") ? n.get("event") : n.get("type");
            if (type != null && type.isTextual() && !type.asText().isBlank()) {
                return new TrainingEvent(type.asText(), n, line, Source.STDOUT);
            }
        }
        return log(line, Source.STDOUT);
    }

    public static TrainingEvent log(String line, Source source) {
        return new TrainingEvent(LOG, MissingNode.getInstance(), line, source);
    }

    public boolean is(String t) {
        return type.equals(t);
    }

    public boolean isLog() {
        return is(LOG);
    }

    /** The {@code step} field, for the events that carry one. */
    public OptionalLong step() {
        JsonNode s = data.get("step");
        return s != null && s.canConvertToLong() ? OptionalLong.of(s.asLong()) : OptionalLong.empty();
    }

    /** A text field, or null. */
    public String text(String field) {
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A JSON object parsed from a line, or null when the line is not one. */
    static JsonNode tryJson(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
