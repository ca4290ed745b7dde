package org.karyo.annotation.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.karyo.inference.metrics.groundtruth.DatasetPaths;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.inference.metrics.groundtruth.ImageSize;

/**
 * LabelMe JSON. Reads the standard form ({@code imagePath}, {@code imageWidth},
 * {@code imageHeight}, {@code imageData}) and the AutoKary2022 dialect ({@code image_path},
 * {@code image_width}, {@code image_height}). Writes standard LabelMe 5.x: polygons with label,
 * group_id, flags; {@code imageData} null and {@code imagePath} relative to the JSON. The
 * instance id is kept in each shape's {@code karyo_id} and the annotator and times in a top-level
 * {@code karyo} object: LabelMe and the trainer keep or ignore unknown keys, and the round trip
 * is lossless.
 */
public final class LabelMeIo {

    public static final String VERSION = "5.2.1";

    private LabelMeIo() {
    }

    public static LabelMeDocument read(Path json) throws AnnotationIoException {
        try {
            return readChecked(json);
        } catch (RuntimeException e) { // a malformed file the checks above missed: still one line naming it
            throw new AnnotationIoException(json, "malformed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", e);
        }
    }

    private static LabelMeDocument readChecked(Path json) throws AnnotationIoException {
        JsonNode root = JsonFiles.readObject(json);
        List<String> notes = new ArrayList<>();
        JsonNode shapes = root.get("shapes");
        if (shapes == null || !shapes.isArray()) {
            throw new AnnotationIoException(json, shapes == null ? "not a LabelMe file (no 'shapes')"
                    : "'shapes' is not a list");
        }
        JsonNode pathNode = JsonFiles.optional(root, "imagePath", "image_path");
        Path image = pathNode == null || pathNode.asText().isBlank() ? null : resolveImage(json, pathNode.asText());
        JsonNode data = JsonFiles.optional(root, "imageData");
        String imageData = data != null && data.isTextual() && !data.asText().isEmpty() ? data.asText() : null;
        int width = size(json, root, image, "imageWidth", "image_width");
        int height = size(json, root, image, "imageHeight", "image_height");

        List<InstancePolygon> instances = new ArrayList<>();
        List<Integer> wantedIds = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            JsonNode s = shapes.get(i);
            String where = "shape " + i;
            if (!s.isObject()) {
                throw new AnnotationIoException(json, where + " is not an object");
            }
            JsonNode typeNode = JsonFiles.optional(s, "shape_type");
            String type = typeNode == null ? "polygon" : typeNode.asText().toLowerCase(Locale.ROOT); // old LabelMe
            List<Vertex> pts = points(json, s, where);
            if (type.equals("rectangle") && pts.size() == 2) { // LabelMe keeps two opposite corners
                Vertex a = pts.get(0), b = pts.get(1);
                pts = List.of(a, new Vertex(b.x(), a.y()), b, new Vertex(a.x(), b.y()));
                type = "polygon";
            }
            if (!type.equals("polygon")) {
                skipped.merge("'" + type + "' shape", 1, Integer::sum);
                continue;
            }
            String labelText = s.get("label") == null || s.get("label").isNull() ? "" : s.get("label").asText();
            ChromosomeLabel label = ChromosomeLabel.parse(labelText).orElse(null);
            if (label == null) {
                notes.add(where + ": label '" + labelText + "' names no chromosome class; read as 'chromosome'");
                label = ChromosomeLabel.CHROMOSOME;
            }
            JsonNode g = JsonFiles.optional(s, "group_id");
            Integer groupId = JsonFiles.wholeOrNull(g);
            if (g != null && groupId == null) {
                notes.add(where + ": group_id " + g + " is not a whole number; dropped");
            }
            instances.add(new InstancePolygon(0, label, pts, groupId, flags(s.get("flags"))));
            wantedIds.add(JsonFiles.wholeOrNull(s.get("karyo_id")));
        }
        skipped.forEach((what, n) -> notes.add("skipped " + n + " " + what + "(s): only polygons are instances"));
        List<InstancePolygon> withIds = assignIds(instances, wantedIds, notes);
        JsonNode k = root.path("karyo");
        AnnotatedImage a = new AnnotatedImage(image, width, height, withIds,
                k.hasNonNull("annotator") ? k.get("annotator").asText() : null,
                JsonFiles.instantOrNull(k.get("created")), JsonFiles.instantOrNull(k.get("modified")));
        return new LabelMeDocument(json, a, imageData, notes);
    }

    /** Written ids where valid and unique; the others get fresh ids after the largest, in file order. */
    static List<InstancePolygon> assignIds(List<InstancePolygon> shapes, List<Integer> wanted, List<String> notes) {
        Set<Integer> used = new HashSet<>();
        Integer[] ids = new Integer[shapes.size()];
        int max = 0;
        for (int i = 0; i < ids.length; i++) {
            Integer w = wanted.get(i);
            if (w != null && w > 0 && used.add(w)) {
                ids[i] = w;
                max = Math.max(max, w);
            } else if (w != null) {
                notes.add("shape " + i + ": id " + w + " repeated or not positive; a new id was given");
            }
        }
        List<InstancePolygon> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            out.add(shapes.get(i).withId(ids[i] != null ? ids[i] : ++max));
        }
        return out;
    }

    private static Map<String, Boolean> flags(JsonNode f) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (f != null && f.isObject()) {
            f.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asBoolean()));
        }
        return out;
    }

    private static List<Vertex> points(Path json, JsonNode shape, String where) throws AnnotationIoException {
        JsonNode pts = shape.get("points");
        if (pts == null || !pts.isArray()) {
            throw new AnnotationIoException(json, where + ": 'points' missing or not a list");
        }
        List<Vertex> out = new ArrayList<>(pts.size());
        for (int k = 0; k < pts.size(); k++) {
            JsonNode p = pts.get(k);
            if (!p.isArray() || p.size() != 2) {
                throw new AnnotationIoException(json, where + ", point " + k + ": expected [x, y], got " + p);
            }
            out.add(new Vertex(JsonFiles.number(json, p.get(0), where + ", point " + k + " x"),
                    JsonFiles.number(json, p.get(1), where + ", point " + k + " y")));
        }
        return out;
    }

    private static int size(Path json, JsonNode root, Path image, String std, String dialect)
            throws AnnotationIoException {
        JsonNode v = JsonFiles.optional(root, std, dialect);
        if (v != null) {
            return JsonFiles.positiveInt(json, v, "'" + std + "'");
        }
        if (image == null || !Files.isRegularFile(image)) {
            throw new AnnotationIoException(json, "missing '" + std + "' / '" + dialect
                    + "' and no image file to measure instead");
        }
        try {
            ImageSize s = ImageSize.read(image);
            return std.endsWith("Width") ? s.width() : s.height();
        } catch (IOException e) {
            throw new AnnotationIoException(json, "missing '" + std + "' and " + e.getMessage(), e);
        }
    }

    /**
     * The written image path against the JSON's folder (backslashes read as separators); if nothing
     * is there, the bare name beside the JSON or in a sibling images/ folder (AutoKary2022). The
     * first candidate is kept when none exists, so the annotation still says which image it is.
     */
    /** The written path resolved inside the dataset (never outside it: {@link DatasetPaths}). */
    static Path resolveImage(Path json, String written) throws AnnotationIoException {
        try {
            return DatasetPaths.resolve(json, written);
        } catch (IllegalArgumentException e) {
            throw new AnnotationIoException(json, e.getMessage());
        }
    }

    /** Writes standard LabelMe 5.x; the image path is written relative to the JSON's folder. */
    public static void write(AnnotatedImage a, Path json) throws AnnotationIoException {
        JsonFiles.writeAtomically(json, toJson(a, json));
    }

    static ObjectNode toJson(AnnotatedImage a, Path json) {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.putObject("flags");
        ArrayNode shapes = root.putArray("shapes");
        for (InstancePolygon p : a.instances()) {
            ObjectNode s = shapes.addObject();
            s.put("label", p.label().fileText());
            ArrayNode pts = s.putArray("points");
            for (Vertex v : p.points()) {
                pts.addArray().add(v.x()).add(v.y());
            }
            if (p.groupId() == null) {
                s.putNull("group_id");
            } else {
                s.put("group_id", p.groupId());
            }
            s.put("description", "");
            s.put("shape_type", "polygon");
            ObjectNode flags = s.putObject("flags");
            p.flags().forEach(flags::put);
            s.putNull("mask");
            s.put("karyo_id", p.id());
        }
        root.put("imagePath", a.image() == null ? null : relative(json, a.image()));
        root.putNull("imageData");
        root.put("imageHeight", a.height());
        root.put("imageWidth", a.width());
        if (a.annotator() != null || a.created() != null || a.modified() != null) {
            ObjectNode k = root.putObject("karyo");
            k.put("annotator", a.annotator());
            k.put("created", a.created() == null ? null : a.created().toString());
            k.put("modified", a.modified() == null ? null : a.modified().toString());
        }
        return root;
    }

    /** {@code image} relative to the JSON's folder, with '/' separators (as LabelMe writes it). */
    static String relative(Path json, Path image) {
        Path dir = json.toAbsolutePath().normalize().getParent();
        Path img = image.toAbsolutePath().normalize();
        String rel;
        try {
            rel = dir.relativize(img).toString();
        } catch (IllegalArgumentException e) { // another drive on Windows
            rel = img.toString();
        }
        return rel.replace('\\', '/');
    }
}
