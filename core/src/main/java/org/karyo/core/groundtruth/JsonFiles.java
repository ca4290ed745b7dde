package org.karyo.core.groundtruth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Checked access to annotation JSON, shared by every reader and writer of annotation files: each
 * missing or mistyped field becomes an {@link AnnotationFileException} naming the file and the
 * field, never a NullPointerException deep inside a reader; writing is atomic (never a
 * half-written file). {@code where} says which part of the file is meant ("shape 3").
 */
public final class JsonFiles {

    /**
     * Image sides above a million pixels and coordinates beyond ten million are errors in the file
     * (2^32 read as an int wraps to 0; 1e308 overflows every area), not images Karyo could read.
     */
    public static final double MAX_SIDE = 1_000_000, MAX_COORDINATE = 1e7;

    /** Indents what it writes; reading is unaffected. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {}

    public static JsonNode readObject(Path file) throws AnnotationFileException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFileException(file, "file not found");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // Jackson's original message carries line and column; its location suffix repeats the source.
            throw new AnnotationFileException(file, "not valid JSON: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new AnnotationFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AnnotationFileException(file, "expected a JSON object at the top level");
        }
        return root;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** Writes beside the target, then moves it into place, so a crash never leaves a truncated file. */
    public static void writeAtomically(Path file, JsonNode root) throws AnnotationFileException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            MAPPER.writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AnnotationFileException(file, "cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless
                }
            }
        }
    }

    /** The first of {@code names} present and not null, or null when none is. */
    public static JsonNode optional(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    public static JsonNode required(Path file, JsonNode obj, String where, String... names)
            throws AnnotationFileException {
        JsonNode v = optional(obj, names);
        if (v == null) {
            throw new AnnotationFileException(file, "missing " + String.join(" / ", quoted(names)) + " in " + where);
        }
        return v;
    }

    public static JsonNode array(Path file, JsonNode obj, String where, String... names)
            throws AnnotationFileException {
        JsonNode v = required(file, obj, where, names);
        if (!v.isArray()) {
            throw new AnnotationFileException(file, "'" + names[0] + "' in " + where + " is not an array");
        }
        return v;
    }

    public static int positiveInt(Path file, JsonNode v, String what) throws AnnotationFileException {
        if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() > MAX_SIDE) {
            throw new AnnotationFileException(
                    file, what + " must be a positive whole number up to " + (int) MAX_SIDE + ", got " + v);
        }
        return v.asInt();
    }

    public static double number(Path file, JsonNode v, String what) throws AnnotationFileException {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || Math.abs(v.asDouble()) > MAX_COORDINATE) {
            throw new AnnotationFileException(
                    file, what + " must be a finite number within +/-" + (long) MAX_COORDINATE + ", got " + v);
        }
        return v.asDouble();
    }

    /** A label may be written as a string or as a bare number ("7" or 7). */
    public static String label(JsonNode v) {
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** An integer id, or null when absent or not a whole number (noted by the caller). */
    public static Integer wholeOrNull(JsonNode v) {
        if (v == null
                || v.isNull()
                || !v.isNumber()
                || v.asDouble() != Math.rint(v.asDouble())
                || Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
            return null;
        }
        return v.asInt();
    }

    public static Instant instantOrNull(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String[] quoted(String[] names) {
        String[] q = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            q[i] = "'" + names[i] + "'";
        }
        return q;
    }
}
