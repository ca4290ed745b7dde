package org.karyo.annotation.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.JsonFiles;
import org.karyo.core.groundtruth.LabelMeFile;

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

    private LabelMeIo() {}

    /** Reads through core's {@link LabelMeFile} (the one LabelMe parser), then makes instances of its polygons. */
    public static LabelMeDocument read(Path json) throws AnnotationFileException {
        return AnnotationFileException.guarded(json, () -> readChecked(json));
    }

    private static LabelMeDocument readChecked(Path json) throws AnnotationFileException {
        LabelMeFile file = LabelMeFile.read(json);
        List<String> notes = new ArrayList<>();
        List<InstancePolygon> instances = new ArrayList<>();
        List<Integer> wantedIds = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        for (LabelMeFile.Shape s : file.shapes()) {
            String where = s.where();
            String type = s.type();
            List<Vertex> pts = vertices(s.xy());
            if (type.equals("rectangle") && pts.size() == 2) { // LabelMe keeps two opposite corners
                Vertex a = pts.get(0), b = pts.get(1);
                pts = List.of(a, new Vertex(b.x(), a.y()), b, new Vertex(a.x(), b.y()));
                type = "polygon";
            }
            if (!type.equals("polygon")) {
                skipped.merge("'" + type + "' shape", 1, Integer::sum);
                continue;
            }
            String labelText = s.label();
            ChromosomeLabel label = ChromosomeLabel.parse(labelText).orElse(null);
            if (label == null) {
                notes.add(where + ": label '" + labelText + "' names no chromosome class; read as 'chromosome'");
                label = ChromosomeLabel.CHROMOSOME;
            }
            JsonNode g = JsonFiles.optional(s.node(), "group_id");
            Integer groupId = JsonFiles.wholeOrNull(g);
            if (g != null && groupId == null) {
                notes.add(where + ": group_id " + g + " is not a whole number; dropped");
            }
            instances.add(
                    new InstancePolygon(0, label, pts, groupId, flags(s.node().get("flags"))));
            wantedIds.add(JsonFiles.wholeOrNull(s.node().get("karyo_id")));
        }
        skipped.forEach((what, n) -> notes.add("skipped " + n + " " + what + "(s): only polygons are instances"));
        List<InstancePolygon> withIds = assignIds(instances, wantedIds, notes);
        JsonNode k = file.root().path("karyo");
        AnnotatedImage a = new AnnotatedImage(
                file.image(),
                file.width(),
                file.height(),
                withIds,
                k.hasNonNull("annotator") ? k.get("annotator").asText() : null,
                JsonFiles.instantOrNull(k.get("created")),
                JsonFiles.instantOrNull(k.get("modified")));
        return new LabelMeDocument(json, a, file.imageData(), notes);
    }

    private static List<Vertex> vertices(double[] xy) {
        List<Vertex> out = new ArrayList<>(xy.length / 2);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            out.add(new Vertex(xy[i], xy[i + 1]));
        }
        return out;
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

    /** Writes standard LabelMe 5.x; the image path is written relative to the JSON's folder. */
    public static void write(AnnotatedImage a, Path json) throws AnnotationFileException {
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
        putProvenance(root, a);
        return root;
    }

    /** Who annotated and when, as a {@code karyo} object in {@code parent} (LabelMe's root, a COCO image entry). */
    static void putProvenance(ObjectNode parent, AnnotatedImage a) {
        if (a.annotator() != null || a.created() != null || a.modified() != null) {
            ObjectNode k = parent.putObject("karyo");
            k.put("annotator", a.annotator());
            k.put("created", a.created() == null ? null : a.created().toString());
            k.put("modified", a.modified() == null ? null : a.modified().toString());
        }
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
