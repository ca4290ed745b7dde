package org.karyo.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.karyo.core.geometry.RotatedBox;

/** Compact JSON for the audit trail's before/after columns. */
public final class AuditJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditJson() {}

    /** A JSON object from alternating keys and values, in that order. */
    public static String of(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(String.valueOf(keyValues[i]), plain(keyValues[i + 1]));
        }
        return write(m);
    }

    public static String box(RotatedBox b) {
        return b == null ? null : of("cx", b.cx(), "cy", b.cy(), "w", b.w(), "h", b.h(), "angle", b.angle());
    }

    /** Reads a JSON object (as written by this class) back into a map; for tests and reports. */
    public static Map<String, Object> read(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = MAPPER.readValue(json, LinkedHashMap.class);
            return m;
        } catch (JsonProcessingException e) {
            throw new StoreException("malformed audit JSON: " + json, e);
        }
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }

    private static String write(Map<String, Object> m) {
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
