package org.karyo.core.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one parser of LabelMe JSON, used by the evaluation's ground truth ({@link LabelMeReader}) and
 * by the annotation tool (annotation's {@code LabelMeIo}). Two dialects are accepted: standard
 * LabelMe (keys "imagePath", "imageWidth", "imageHeight", "imageData") and the
 * snake-case one the AutoKary2022 files use ({@code image_path}, {@code image_width},
 * {@code image_height}). It checks the structure (sizes, shapes, points) and leaves what a shape
 * means (box, instance outline, label class) to the caller. Embedded {@code imageData} is kept as
 * text, never decoded here.
 *
 * @param image the image file the annotation names, resolved (see {@link #resolveImage}); null when none is named
 * @param imageData embedded base64 image, or null
 * @param root the whole document, for keys only one caller knows (annotation's {@code karyo} object)
 */
public record LabelMeFile(
        Path json, Path image, int width, int height, String imageData, List<Shape> shapes, JsonNode root) {

    /**
     * One shape as written. {@code type} is lower case ("polygon" when the file writes none, as old
     * LabelMe versions did); {@code xy} holds x0, y0, x1, y1, ...; {@code node} is the shape's JSON
     * for optional keys (group_id, flags, karyo_id).
     */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Shape(int index, String label, String type, double[] xy, JsonNode node) {

        /** "shape 3": how messages name this shape. */
        public String where() {
            return "shape " + index;
        }

        public int pointCount() {
            return xy.length / 2;
        }
    }

    public LabelMeFile {
        shapes = List.copyOf(shapes);
    }

    /** Reads and checks one LabelMe file; any structural fault names the file and the place. */
    public static LabelMeFile read(Path json) throws AnnotationFileException {
        return AnnotationFileException.guarded(json, () -> readChecked(json));
    }

    private static LabelMeFile readChecked(Path json) throws AnnotationFileException {
        JsonNode root = JsonFiles.readObject(json);
        JsonNode shapeNodes = root.get("shapes");
        if (shapeNodes == null || shapeNodes.isNull()) {
            throw new AnnotationFileException(json, "missing 'shapes' in the file (not a LabelMe annotation)");
        }
        if (!shapeNodes.isArray()) {
            throw new AnnotationFileException(json, "'shapes' in the file is not an array");
        }
        JsonNode pathNode = JsonFiles.optional(root, "imagePath", "image_path");
        Path image;
        try {
            image = pathNode == null ? null : resolveImage(json, pathNode.asText());
        } catch (IllegalArgumentException e) {
            throw new AnnotationFileException(json, e.getMessage());
        }
        JsonNode data = JsonFiles.optional(root, "imageData");
        String imageData = data != null && data.isTextual() && !data.asText().isEmpty() ? data.asText() : null;
        int width = size(json, root, image, "imageWidth", "image_width");
        int height = size(json, root, image, "imageHeight", "image_height");

        List<Shape> shapes = new ArrayList<>(shapeNodes.size());
        for (int i = 0; i < shapeNodes.size(); i++) {
            JsonNode s = shapeNodes.get(i);
            String where = "shape " + i;
            if (!s.isObject()) {
                throw new AnnotationFileException(json, where + " is not an object");
            }
            JsonNode typeNode = JsonFiles.optional(s, "shape_type");
            // Old LabelMe versions write no shape_type: everything was a polygon then.
            String type = typeNode == null ? "polygon" : typeNode.asText().toLowerCase(Locale.ROOT);
            shapes.add(new Shape(i, JsonFiles.label(s.get("label")), type, points(json, s, where), s));
        }
        return new LabelMeFile(json, image, width, height, imageData, shapes, root);
    }

    private static double[] points(Path json, JsonNode shape, String where) throws AnnotationFileException {
        JsonNode pts = JsonFiles.array(json, shape, where, "points");
        double[] xy = new double[pts.size() * 2];
        for (int k = 0; k < pts.size(); k++) {
            JsonNode p = pts.get(k);
            if (!p.isArray() || p.size() != 2) {
                throw new AnnotationFileException(json, where + ", point " + k + ": expected [x, y], got " + p);
            }
            xy[2 * k] = JsonFiles.number(json, p.get(0), where + ", point " + k + " x");
            xy[2 * k + 1] = JsonFiles.number(json, p.get(1), where + ", point " + k + " y");
        }
        return xy;
    }

    /** The written size; only when it is missing is the image itself measured (from its header). */
    private static int size(Path json, JsonNode root, Path image, String std, String dialect)
            throws AnnotationFileException {
        JsonNode v = JsonFiles.optional(root, std, dialect);
        if (v != null) {
            return JsonFiles.positiveInt(json, v, "'" + std + "'");
        }
        if (image == null || !Files.isRegularFile(image)) {
            throw new AnnotationFileException(
                    json, "missing '" + std + "' / '" + dialect + "' and no image file to measure instead");
        }
        try {
            ImageSize s = ImageSize.read(image);
            return std.endsWith("Width") ? s.width() : s.height();
        } catch (IOException e) {
            throw new AnnotationFileException(json, "missing '" + std + "' and " + e.getMessage(), e);
        }
    }

    /**
     * The written image path resolved inside the dataset ({@link DatasetPaths}: never out of the
     * annotation's folder and the one above it, absolute paths by file name only); null for a
     * blank path.
     *
     * @throws IllegalArgumentException with the reason, when the path is refused
     */
    public static Path resolveImage(Path json, String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        return DatasetPaths.resolve(json, written);
    }
}
