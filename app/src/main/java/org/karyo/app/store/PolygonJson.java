package org.karyo.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;

/** The points column ([x0, y0, x1, y1, ...]) and the audit form of a polygon ({label, points}). */
final class PolygonJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolygonJson() {}

    static String points(List<Vertex> points) {
        return write(array(points));
    }

    static List<Vertex> points(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isArray() || n.size() % 2 != 0) {
                throw new StoreException("malformed polygon points: " + abbreviated(json));
            }
            List<Vertex> out = new ArrayList<>(n.size() / 2);
            for (int i = 0; i < n.size(); i += 2) {
                out.add(new Vertex(n.get(i).asDouble(), n.get(i + 1).asDouble()));
            }
            return out;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("malformed polygon points: " + abbreviated(json), e);
        }
    }

    /** The audit trail's before/after of a polygon: the whole outline, so any state can be rebuilt. */
    static String audit(ChromosomeLabel label, List<Vertex> points) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("label", label.fileText());
        o.set("points", array(points));
        return write(o);
    }

    private static ArrayNode array(List<Vertex> points) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Vertex v : points) {
            a.add(v.x()).add(v.y());
        }
        return a;
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String s) {
        return s == null ? "null" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
