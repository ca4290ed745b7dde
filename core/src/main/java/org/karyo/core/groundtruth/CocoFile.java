package org.karyo.core.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one parser of COCO instance JSON, used by the evaluation's ground truth ({@link CocoReader})
 * and by the annotation tool (annotation's {@code CocoIo}), as {@link LabelMeFile} is for LabelMe.
 * It loads the document, checks its two lists, reads the categories and decodes segmentations
 * (polygon, multi-polygon, a bare flat list, RLE) and number lists; what an image without a size or
 * an annotation with only a bbox means is left to the caller, whose policies differ (ground truth
 * measures the image, the annotation tool requires the size).
 *
 * @param images the {@code images} entries, in file order
 * @param annotations the {@code annotations} entries, in file order
 * @param root the whole document, for keys only one caller knows
 */
public record CocoFile(Path json, List<JsonNode> images, List<JsonNode> annotations, JsonNode root) {

    /** What a reader makes of a parsed file; may throw its own faults, all naming the file. */
    @FunctionalInterface
    public interface Reading<T> {
        T apply(CocoFile file) throws AnnotationFileException;
    }

    /**
     * One annotation's segmentation: {@code rle} for a mask (not read), else its polygons as x0, y0,
     * x1, y1, ... (empty when the annotation has none).
     */
    public record Segmentation(boolean rle, List<double[]> polygons) {
        public Segmentation {
            polygons = List.copyOf(polygons);
        }

        /** Neither a mask nor a polygon: the caller may fall back to the bbox. */
        public boolean none() {
            return !rle && polygons.isEmpty();
        }
    }

    public CocoFile {
        images = List.copyOf(images);
        annotations = List.copyOf(annotations);
    }

    /**
     * Parses {@code json} and hands it to {@code reading}; a fault either side missed (a runtime
     * exception) still becomes one {@link AnnotationFileException} naming the file.
     */
    public static <T> T read(Path json, Reading<T> reading) throws AnnotationFileException {
        return AnnotationFileException.guarded(json, () -> reading.apply(parse(json)));
    }

    private static CocoFile parse(Path json) throws AnnotationFileException {
        JsonNode root = JsonFiles.readObject(json);
        JsonNode ims = root.get("images"), anns = root.get("annotations");
        if (ims == null || !ims.isArray() || anns == null || !anns.isArray()) {
            throw new AnnotationFileException(json, "not a COCO file ('images' and 'annotations' lists expected)");
        }
        List<JsonNode> images = new ArrayList<>();
        ims.forEach(images::add);
        List<JsonNode> annotations = new ArrayList<>();
        anns.forEach(annotations::add);
        return new CocoFile(json, images, annotations, root);
    }

    /** Category id -> its name as written (null when it has none), in file order. */
    public Map<String, String> categoryNames() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode cats = JsonFiles.optional(root, "categories");
        if (cats != null && cats.isArray()) {
            for (JsonNode c : cats) {
                JsonNode name = JsonFiles.optional(c, "name");
                out.put(c.path("id").asText(), name == null ? null : name.asText());
            }
        }
        return out;
    }

    /** The segmentation of annotation {@code ann}; {@code where} names it in messages ("annotation 3"). */
    public Segmentation segmentation(JsonNode ann, String where) throws AnnotationFileException {
        JsonNode seg = JsonFiles.optional(ann, "segmentation");
        if (seg != null && seg.isObject()) {
            return new Segmentation(true, List.of());
        }
        List<double[]> polygons = new ArrayList<>();
        if (seg != null && seg.isArray() && !seg.isEmpty()) {
            // A bare flat list (some exporters) is one polygon; a list of lists is a multi-polygon.
            List<JsonNode> parts = new ArrayList<>();
            if (seg.get(0).isArray()) {
                seg.forEach(parts::add);
            } else {
                parts.add(seg);
            }
            for (int p = 0; p < parts.size(); p++) {
                polygons.add(numbers(parts.get(p), where + ", polygon " + p));
            }
        }
        return new Segmentation(false, polygons);
    }

    /** An even-length list of finite numbers (a polygon's x, y pairs, or a bbox). */
    public double[] numbers(JsonNode arr, String where) throws AnnotationFileException {
        if (!arr.isArray() || arr.size() % 2 != 0) {
            throw new AnnotationFileException(json, where + ": expected an even-length list of numbers");
        }
        double[] v = new double[arr.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = JsonFiles.number(json, arr.get(k), where + " value " + k);
        }
        return v;
    }
}
