package org.karyo.inference.metrics.groundtruth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checked access to annotation JSON: every missing or mistyped field becomes a
 * {@link GroundTruthException} naming the file and the field, never a NullPointerException deep
 * inside a reader. {@code where} says which part of the file is meant ("shape 3").
 */
final class Json {

    /**
     * Image sides above a million pixels and coordinates beyond ten million are errors in the file
     * (2^32 read as an int wraps to 0; 1e308 overflows every area), not images Karyo could read.
     */
    static final double MAX_SIDE = 1_000_000, MAX_COORDINATE = 1e7;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode readObject(Path file) throws GroundTruthException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's original message carries line and column; its location suffix repeats the source.
            throw new GroundTruthException(file, "not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw new GroundTruthException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new GroundTruthException(file, "expected a JSON object at the top level");
        }
        return root;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The first of {@code names} present and not null, or null when none is. */
    static JsonNode optional(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    static JsonNode required(Path file, JsonNode obj, String where, String... names) throws GroundTruthException {
        JsonNode v = optional(obj, names);
        if (v == null) {
            throw new GroundTruthException(file, "missing " + String.join(" / ", quoted(names)) + " in " + where);
        }
        return v;
    }

    static JsonNode array(Path file, JsonNode obj, String where, String... names) throws GroundTruthException {
        JsonNode v = required(file, obj, where, names);
        if (!v.isArray()) {
            throw new GroundTruthException(file, "'" + names[0] + "' in " + where + " is not an array");
        }
        return v;
    }

    static int positiveInt(Path file, JsonNode v, String what) throws GroundTruthException {
        if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() > MAX_SIDE) {
            throw new GroundTruthException(file, what + " must be a positive whole number up to " + (int) MAX_SIDE + ", got " + v);
        }
        return v.asInt();
    }

    static double number(Path file, JsonNode v, String what) throws GroundTruthException {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || Math.abs(v.asDouble()) > MAX_COORDINATE) {
            throw new GroundTruthException(file, what + " must be a finite number within +/-" + (long) MAX_COORDINATE + ", got " + v);
        }
        return v.asDouble();
    }

    /** A label may be written as a string or as a bare number ("7" or 7). */
    static String label(JsonNode v) {
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static String[] quoted(String[] names) {
        String[] q = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            q[i] = "'" + names[i] + "'";
        }
        return q;
    }
}
