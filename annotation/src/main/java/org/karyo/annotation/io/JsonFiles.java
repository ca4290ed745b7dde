package org.karyo.annotation.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** JSON reading with messages that name file and place, and atomic writing (never a half-written file). */
final class JsonFiles {

    /**
     * Image sides above a million pixels and coordinates beyond ten million are errors in the file
     * (2^32 read as an int wraps to 0; 1e308 overflows every area), not images Karyo could read.
     */
    static final double MAX_SIDE = 1_000_000, MAX_COORDINATE = 1e7;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    static JsonNode readObject(Path file) throws AnnotationIoException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationIoException(file, "file not found");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new AnnotationIoException(file, "not valid JSON: " + e.getOriginalMessage() + at, e);
        } catch (IOException e) {
            throw new AnnotationIoException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AnnotationIoException(file, "expected a JSON object at the top level");
        }
        return root;
    }

    /** Writes beside the target, then moves it into place, so a crash never leaves a truncated file. */
    static void writeAtomically(Path file, JsonNode root) throws AnnotationIoException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            MAPPER.writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AnnotationIoException(file, "cannot write: " + e.getMessage(), e);
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

    /** The first of {@code names} present and not null, or null. */
    static JsonNode optional(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    static int positiveInt(Path file, JsonNode v, String what) throws AnnotationIoException {
        if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() > MAX_SIDE) {
            throw new AnnotationIoException(file, what + " must be a positive whole number up to " + (int) MAX_SIDE + ", got " + v);
        }
        return v.asInt();
    }

    static double number(Path file, JsonNode v, String what) throws AnnotationIoException {
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || Math.abs(v.asDouble()) > MAX_COORDINATE) {
            throw new AnnotationIoException(file, what + " must be a finite number within +/-" + (long) MAX_COORDINATE + ", got " + v);
        }
        return v.asDouble();
    }

    /** An integer id, or null when absent or not a whole number (noted by the caller). */
    static Integer wholeOrNull(JsonNode v) {
        if (v == null || v.isNull() || !v.isNumber() || v.asDouble() != Math.rint(v.asDouble())
                || Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
            return null;
        }
        return v.asInt();
    }

    static Instant instantOrNull(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
