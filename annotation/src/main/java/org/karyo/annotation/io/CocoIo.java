package org.karyo.annotation.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.CocoFile;
import org.karyo.core.groundtruth.JsonFiles;
import org.karyo.core.groundtruth.LabelMeFile;

/**
 * COCO instance annotations: one file for many images. Categories 1..22 are the autosomes, 23 X,
 * 24 Y and 25 an unclassified chromosome. Each instance is one annotation with one polygon; its id,
 * LabelMe group and flags ride along as {@code karyo_id}, {@code group_id}, {@code flags}, and the
 * annotator and times as {@code karyo} in the image entry, so export then import is lossless.
 * Import also takes other tools' files: every polygon of a multi-polygon becomes an instance,
 * an annotation with only a bbox becomes its rectangle, RLE masks are skipped with a note.
 */
public final class CocoIo {

    public static final int UNCLASSIFIED_CATEGORY = 25;

    /** What an import produced, and what it had to adapt. */
    public record CocoDocument(Path json, List<AnnotatedImage> images, List<String> notes) {
        public CocoDocument {
            images = List.copyOf(images);
            notes = List.copyOf(notes);
        }
    }

    private CocoIo() {}

    static int categoryId(ChromosomeLabel l) {
        return l.classified() ? l.number() : UNCLASSIFIED_CATEGORY;
    }

    public static void write(List<AnnotatedImage> images, Path json) throws AnnotationFileException {
        ObjectNode root = JsonFiles.MAPPER.createObjectNode();
        root.putObject("info").put("description", "Karyo Workstation chromosome instances");
        ArrayNode ims = root.putArray("images");
        ArrayNode anns = root.putArray("annotations");
        ArrayNode cats = root.putArray("categories");
        for (ChromosomeLabel l : ChromosomeLabel.values()) {
            cats.addObject()
                    .put("id", categoryId(l))
                    .put("name", l.displayName())
                    .put("supercategory", "chromosome");
        }
        int annId = 0;
        for (int i = 0; i < images.size(); i++) {
            AnnotatedImage a = images.get(i);
            ObjectNode im = ims.addObject();
            im.put("id", i + 1);
            im.put("file_name", a.image() == null ? "" : LabelMeIo.relative(json, a.image()));
            im.put("width", a.width());
            im.put("height", a.height());
            LabelMeIo.putProvenance(im, a);
            for (InstancePolygon p : a.instances()) {
                ObjectNode an = anns.addObject();
                an.put("id", ++annId);
                an.put("image_id", i + 1);
                an.put("category_id", categoryId(p.label()));
                ArrayNode poly = an.putArray("segmentation").addArray();
                for (Vertex v : p.points()) {
                    poly.add(v.x()).add(v.y());
                }
                an.put("area", p.area());
                ArrayNode bbox = an.putArray("bbox");
                if (p.size() > 0) {
                    var b = p.polygon().bounds();
                    bbox.add(b.x1()).add(b.y1()).add(b.width()).add(b.height());
                }
                an.put("iscrowd", 0);
                an.put("karyo_id", p.id());
                if (p.groupId() == null) {
                    an.putNull("group_id");
                } else {
                    an.put("group_id", p.groupId());
                }
                ObjectNode flags = an.putObject("flags");
                p.flags().forEach(flags::put);
            }
        }
        JsonFiles.writeAtomically(json, root);
    }

    public static CocoDocument read(Path json) throws AnnotationFileException {
        return CocoFile.read(json, CocoIo::document);
    }

    private static CocoDocument document(CocoFile coco) throws AnnotationFileException {
        Path json = coco.json();
        List<String> notes = new ArrayList<>();
        List<JsonNode> ims = coco.images(), anns = coco.annotations();
        Map<String, ChromosomeLabel> categories = new HashMap<>();
        for (Map.Entry<String, String> c : coco.categoryNames().entrySet()) {
            String name = c.getValue() == null ? "" : c.getValue();
            ChromosomeLabel l = ChromosomeLabel.parse(name).orElse(null);
            if (l == null) {
                notes.add("category '" + name + "' names no chromosome class; its instances read as 'chromosome'");
                l = ChromosomeLabel.CHROMOSOME;
            }
            categories.put(c.getKey(), l);
        }
        Map<String, List<InstancePolygon>> byImage = new LinkedHashMap<>();
        Map<String, List<Integer>> wanted = new HashMap<>();
        for (int i = 0; i < ims.size(); i++) {
            JsonNode id = ims.get(i).get("id");
            if (id == null || byImage.put(id.asText(), new ArrayList<>()) != null) {
                throw new AnnotationFileException(json, "image " + i + ": id missing or repeated");
            }
            wanted.put(id.asText(), new ArrayList<>());
        }
        int rle = 0, multi = 0, fromBbox = 0;
        for (int k = 0; k < anns.size(); k++) {
            JsonNode an = anns.get(k);
            String where = "annotation " + k;
            String imageId = an.path("image_id").asText();
            List<InstancePolygon> target = byImage.get(imageId);
            if (target == null) {
                throw new AnnotationFileException(json, where + " refers to unknown image_id '" + imageId + "'");
            }
            ChromosomeLabel label =
                    categories.getOrDefault(an.path("category_id").asText(), ChromosomeLabel.CHROMOSOME);
            Integer group = JsonFiles.wholeOrNull(an.get("group_id"));
            Map<String, Boolean> flags = new LinkedHashMap<>();
            an.path("flags")
                    .fields()
                    .forEachRemaining(e -> flags.put(e.getKey(), e.getValue().asBoolean()));
            CocoFile.Segmentation seg = coco.segmentation(an, where);
            List<List<Vertex>> polys = new ArrayList<>();
            if (seg.rle()) {
                rle++;
            } else if (!seg.none()) {
                seg.polygons().forEach(xy -> polys.add(vertices(xy)));
                multi += seg.polygons().size() > 1 ? 1 : 0;
            } else if (an.get("bbox") != null && an.get("bbox").size() == 4) {
                double[] b = coco.numbers(an.get("bbox"), where + ", bbox");
                double x = b[0], y = b[1], w = b[2], h = b[3];
                polys.add(List.of(
                        new Vertex(x, y), new Vertex(x + w, y), new Vertex(x + w, y + h), new Vertex(x, y + h)));
                fromBbox++;
            }
            for (int p = 0; p < polys.size(); p++) {
                target.add(new InstancePolygon(0, label, polys.get(p), group, flags));
                wanted.get(imageId).add(p == 0 ? JsonFiles.wholeOrNull(an.get("karyo_id")) : null);
            }
        }
        if (rle > 0) {
            notes.add(rle + " RLE mask annotation(s) skipped: only polygons are read");
        }
        if (multi > 0) {
            notes.add(multi + " multi-polygon annotation(s) split into one instance per polygon");
        }
        if (fromBbox > 0) {
            notes.add(fromBbox + " annotation(s) without a polygon read as their bbox rectangle");
        }
        List<AnnotatedImage> out = new ArrayList<>();
        for (int i = 0; i < ims.size(); i++) {
            JsonNode im = ims.get(i);
            String id = im.get("id").asText();
            String file = im.path("file_name").asText("");
            Path image;
            try {
                image = file.isBlank() ? null : LabelMeFile.resolveImage(json, file);
            } catch (IllegalArgumentException e) {
                throw new AnnotationFileException(json, "image " + i + ": " + e.getMessage());
            }
            JsonNode w = im.get("width"), h = im.get("height");
            if (w == null || h == null) {
                throw new AnnotationFileException(json, "image " + i + ": 'width' and 'height' are required");
            }
            JsonNode k = im.path("karyo");
            out.add(new AnnotatedImage(
                    image,
                    JsonFiles.positiveInt(json, w, "image " + i + " width"),
                    JsonFiles.positiveInt(json, h, "image " + i + " height"),
                    LabelMeIo.assignIds(byImage.get(id), wanted.get(id), notes),
                    k.hasNonNull("annotator") ? k.get("annotator").asText() : null,
                    JsonFiles.instantOrNull(k.get("created")),
                    JsonFiles.instantOrNull(k.get("modified"))));
        }
        return new CocoDocument(json, out, notes);
    }

    private static List<Vertex> vertices(double[] xy) {
        List<Vertex> out = new ArrayList<>(xy.length / 2);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            out.add(new Vertex(xy[i], xy[i + 1]));
        }
        return out;
    }
}
