package org.karyo.core.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.Polygon;

/**
 * Reads COCO instance annotations. Every polygon of an annotation is one ground-truth object:
 * the M-FISH set stores one multi-polygon per chromosome class per image, each polygon about one
 * chromosome, and a multi-polygon cannot be one rotated box. RLE masks (crowd regions) are
 * skipped; an annotation without segmentation falls back to its {@code bbox} as an axis box.
 */
public final class CocoReader {

    public static final String FORMAT = "coco";

    private CocoReader() {}

    /** {@code jsonOrDir}: the annotation file, or a folder holding exactly one; images found nearby. */
    public static GroundTruthSet read(Path jsonOrDir) throws AnnotationFileException {
        return read(jsonOrDir, null);
    }

    /** As {@link #read(Path)}, with image files resolved against {@code imagesDir} when it is not null. */
    public static GroundTruthSet read(Path jsonOrDir, Path imagesDir) throws AnnotationFileException {
        Path json = Files.isDirectory(jsonOrDir) ? findJson(jsonOrDir) : jsonOrDir;
        return CocoFile.read(json, coco -> groundTruth(coco, imagesDir));
    }

    private static GroundTruthSet groundTruth(CocoFile coco, Path imagesDir) throws AnnotationFileException {
        Path json = coco.json();
        List<String> notes = new ArrayList<>();

        List<JsonNode> imagesNode = coco.images();
        List<String> fileNames = new ArrayList<>();
        for (int i = 0; i < imagesNode.size(); i++) {
            String name = JsonFiles.required(json, imagesNode.get(i), "image " + i, "file_name")
                    .asText();
            try {
                fileNames.add(DatasetPaths.checkBelow(name));
            } catch (IllegalArgumentException e) {
                throw new AnnotationFileException(json, "image " + i + ": " + e.getMessage());
            }
        }
        Path dir = imagesDir != null ? imagesDir : findImagesDir(json, fileNames, notes);

        Map<String, String> categories = coco.categoryNames();

        // Image id -> its objects, in file order.
        Map<String, List<GroundTruthObject>> objects = new LinkedHashMap<>();
        for (int i = 0; i < imagesNode.size(); i++) {
            String id = JsonFiles.required(json, imagesNode.get(i), "image " + i, "id")
                    .asText();
            if (objects.put(id, new ArrayList<>()) != null) {
                throw new AnnotationFileException(json, "image id " + id + " appears twice");
            }
        }
        int rle = 0, degenerate = 0, fromBbox = 0, noGeometry = 0;
        List<JsonNode> anns = coco.annotations();
        for (int a = 0; a < anns.size(); a++) {
            JsonNode ann = anns.get(a);
            String where = "annotation " + a;
            String imageId = JsonFiles.required(json, ann, where, "image_id").asText();
            List<GroundTruthObject> target = objects.get(imageId);
            if (target == null) {
                throw new AnnotationFileException(json, where + " refers to unknown image_id " + imageId);
            }
            String categoryId = ann.path("category_id").asText();
            String name = categories.get(categoryId);
            String label = name != null ? name : categoryId;
            CocoFile.Segmentation seg = coco.segmentation(ann, where);
            if (seg.rle()) {
                rle++;
            } else if (!seg.none()) {
                for (double[] xy : seg.polygons()) {
                    Polygon poly = Shapes.usablePolygon(xy);
                    if (poly == null) {
                        degenerate++;
                    } else {
                        target.add(GroundTruthObject.ofPolygon(poly, label));
                    }
                }
            } else if (JsonFiles.optional(ann, "bbox") != null) {
                double[] b = coco.numbers(ann.get("bbox"), where + ", bbox");
                if (b.length != 4 || b[2] <= 0 || b[3] <= 0) {
                    throw new AnnotationFileException(
                            json, where + ": bbox must be [x, y, width, height] with positive sides");
                }
                target.add(GroundTruthObject.ofAxis(new AxisBox(b[0], b[1], b[0] + b[2], b[1] + b[3]), label));
                fromBbox++;
            } else {
                noGeometry++;
            }
        }

        List<GroundTruthImage> images = new ArrayList<>();
        int empty = 0;
        for (int i = 0; i < imagesNode.size(); i++) {
            JsonNode im = imagesNode.get(i);
            List<GroundTruthObject> objs = objects.get(im.get("id").asText());
            empty += objs.isEmpty() ? 1 : 0;
            Path file = dir.resolve(fileNames.get(i)).normalize();
            images.add(new GroundTruthImage(
                    fileNames.get(i), file, size(json, im, file, "width", i), size(json, im, file, "height", i), objs));
        }
        note(notes, rle, "RLE segmentation(s) skipped (crowd regions; only polygons are read)");
        note(notes, degenerate, "degenerate polygon(s) ignored (< 3 points or ~zero area)");
        note(notes, fromBbox, "annotation(s) without polygon read from their bbox as axis boxes");
        note(notes, noGeometry, "annotation(s) with neither segmentation nor bbox ignored");
        note(
                notes,
                empty,
                "of " + images.size() + " images have no annotation (not annotated, or empty?); "
                        + "GroundTruthSet.annotatedOnly() drops them");
        return new GroundTruthSet(json.getFileName().toString(), FORMAT, false, images, notes);
    }

    private static void note(List<String> notes, int n, String what) {
        if (n > 0) {
            notes.add(n + " " + what);
        }
    }

    private static int size(Path json, JsonNode im, Path file, String field, int i) throws AnnotationFileException {
        JsonNode v = JsonFiles.optional(im, field);
        if (v != null) {
            return JsonFiles.positiveInt(json, v, "image " + i + " '" + field + "'");
        }
        try {
            ImageSize s = ImageSize.read(file);
            return field.equals("width") ? s.width() : s.height();
        } catch (IOException e) {
            throw new AnnotationFileException(json, "image " + i + " has no '" + field + "' and " + e.getMessage(), e);
        }
    }

    /** The only .json below {@code dir}; two or more is ambiguous, so the caller must name one. */
    static Path findJson(Path dir) throws AnnotationFileException {
        List<Path> found = DatasetPaths.jsonFilesBelow(dir);
        if (found.size() == 1) {
            return found.get(0);
        }
        throw new AnnotationFileException(
                dir,
                found.isEmpty()
                        ? "no COCO .json file found"
                        : "several .json files, name the COCO file itself: " + found);
    }

    /**
     * Where the images are: next to the JSON, one level up, or in a sibling folder of the JSON's
     * folder (COCO's own layout: annotations/ beside train2017/). The first folder holding the
     * first listed image wins; if none does, paths are kept relative to the JSON's folder.
     */
    static Path findImagesDir(Path json, List<String> fileNames, List<String> notes) {
        Path jsonDir = json.toAbsolutePath().getParent();
        List<Path> candidates = new ArrayList<>(List.of(jsonDir));
        Path up = jsonDir.getParent();
        if (up != null) {
            candidates.add(up);
            try (Stream<Path> s = Files.list(up)) {
                s.filter(Files::isDirectory).sorted().forEach(candidates::add);
            } catch (IOException e) {
                // Unlistable parent: fall back to the folders we already have.
            }
        }
        if (fileNames.isEmpty()) {
            return jsonDir;
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(fileNames.get(0)))) {
                return c;
            }
        }
        notes.add("image files not found near " + json.getFileName() + "; paths kept relative to " + jsonDir);
        return jsonDir;
    }
}
