package org.karyo.inference.metrics.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.karyo.inference.geometry.AxisBox;
import org.karyo.inference.geometry.Polygon;

/**
 * Reads a folder (recursively) of LabelMe JSON files. Two dialects are accepted: standard
 * LabelMe ({@code imagePath}, {@code imageWidth}, {@code imageHeight}) and the snake-case one the
 * AutoKary2022 files use ({@code image_path}, {@code image_width}, {@code image_height}).
 * Polygons become rotated boxes by their minimum-area rectangle (as the paper derives its gt);
 * rectangles become axis boxes. Embedded {@code imageData} is never decoded.
 */
public final class LabelMeReader {

    public static final String FORMAT = "labelme";

    /** A lenient read: the files that could be used, and why each of the others could not. */
    public record Lenient(GroundTruthSet set, List<GroundTruthException> errors) {
    }

    private LabelMeReader() {
    }

    /** Strict: the first unusable file aborts the read. {@code dir} may also be a single file. */
    public static GroundTruthSet read(Path dir) throws GroundTruthException {
        List<GroundTruthImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path f : annotationFiles(dir, notes)) {
            images.add(readFile(f, nameOf(dir, f), notes));
        }
        return new GroundTruthSet(setName(dir), FORMAT, false, images, notes);
    }

    /** Lenient: collects per-file errors and goes on; throws only when the folder has no JSON at all. */
    public static Lenient readLenient(Path dir) throws GroundTruthException {
        List<GroundTruthImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<GroundTruthException> errors = new ArrayList<>();
        for (Path f : annotationFiles(dir, notes)) {
            try {
                images.add(readFile(f, nameOf(dir, f), notes));
            } catch (GroundTruthException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            notes.add(errors.size() + " file(s) skipped as unreadable");
        }
        return new Lenient(new GroundTruthSet(setName(dir), FORMAT, false, images, notes), List.copyOf(errors));
    }

    /**
     * The folder's JSON files that are annotations: other JSON beside them (a dataset.json
     * manifest) has none of LabelMe's keys and is skipped with a note, as the trainer does.
     */
    private static final List<String> LABELME_KEYS = List.of("shapes", "imagePath", "image_path", "imageWidth",
            "image_width", "imageHeight", "image_height", "imageData");

    private static List<Path> annotationFiles(Path dir, List<String> notes) throws GroundTruthException {
        // parsed twice (here and in readFile): annotation files are small, clarity wins
        List<Path> out = new ArrayList<>();
        for (Path f : jsonFiles(dir)) {
            JsonNode root;
            try {
                root = Json.readObject(f);
            } catch (GroundTruthException e) {
                out.add(f); // unreadable: let the strict or lenient read report it
                continue;
            }
            if (LABELME_KEYS.stream().anyMatch(root::has)) {
                out.add(f); // an annotation, complete or not: readFile says what is missing
            } else {
                notes.add(nameOf(dir, f) + ": not a LabelMe annotation (no LabelMe keys), skipped");
            }
        }
        return out;
    }

    /** One annotation file; what was skipped inside it is appended to {@code notes}. */
    public static GroundTruthImage readFile(Path json, String name, List<String> notes) throws GroundTruthException {
        try {
            return readFileChecked(json, name, notes);
        } catch (RuntimeException e) { // a malformed file the checks above missed: still one line naming it
            throw new GroundTruthException(json, "malformed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", e);
        }
    }

    private static GroundTruthImage readFileChecked(Path json, String name, List<String> notes) throws GroundTruthException {
        JsonNode root = Json.readObject(json);
        JsonNode pathNode = Json.optional(root, "imagePath", "image_path");
        Path image;
        try {
            image = pathNode == null ? null : resolveImage(json, pathNode.asText());
        } catch (IllegalArgumentException e) {
            throw new GroundTruthException(json, e.getMessage());
        }
        int width = size(json, root, image, "imageWidth", "image_width");
        int height = size(json, root, image, "imageHeight", "image_height");

        JsonNode shapes = Json.array(json, root, "the file", "shapes");
        List<GroundTruthObject> objects = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            JsonNode s = shapes.get(i);
            String where = "shape " + i;
            if (!s.isObject()) {
                throw new GroundTruthException(json, where + " is not an object");
            }
            String label = Json.label(s.get("label"));
            JsonNode typeNode = Json.optional(s, "shape_type");
            // Old LabelMe versions write no shape_type: everything was a polygon then.
            String type = typeNode == null ? "polygon" : typeNode.asText().toLowerCase(Locale.ROOT);
            double[] xy = points(json, s, where);
            switch (type) {
                case "polygon" -> {
                    Polygon p = Shapes.usablePolygon(xy);
                    if (p == null) {
                        skipped.merge("degenerate polygon", 1, Integer::sum);
                    } else {
                        objects.add(GroundTruthObject.ofPolygon(p, label));
                    }
                }
                case "rectangle" -> {
                    // LabelMe stores two opposite corners, in either order; other tools four.
                    if (xy.length < 4) {
                        throw new GroundTruthException(json, where + ": a rectangle needs 2 points");
                    }
                    AxisBox b = Polygon.of(xy).bounds();
                    if (b.area() < Shapes.MIN_AREA) {
                        skipped.merge("degenerate rectangle", 1, Integer::sum);
                    } else {
                        objects.add(GroundTruthObject.ofAxis(b, label));
                    }
                }
                default -> skipped.merge("'" + type + "' shape", 1, Integer::sum);
            }
        }
        skipped.forEach((what, n) -> notes.add(name + ": skipped " + n + " " + what + "(s)"));
        return new GroundTruthImage(name, image, width, height, objects);
    }

    private static double[] points(Path json, JsonNode shape, String where) throws GroundTruthException {
        JsonNode pts = Json.array(json, shape, where, "points");
        double[] xy = new double[pts.size() * 2];
        for (int k = 0; k < pts.size(); k++) {
            JsonNode p = pts.get(k);
            if (!p.isArray() || p.size() < 2) {
                throw new GroundTruthException(json, where + ", point " + k + ": expected [x, y], got " + p);
            }
            xy[2 * k] = Json.number(json, p.get(0), where + ", point " + k + " x");
            xy[2 * k + 1] = Json.number(json, p.get(1), where + ", point " + k + " y");
        }
        return xy;
    }

    /** The written size; only when it is missing is the image itself measured. */
    private static int size(Path json, JsonNode root, Path image, String... names) throws GroundTruthException {
        JsonNode v = Json.optional(root, names);
        if (v != null) {
            return Json.positiveInt(json, v, "'" + names[0] + "'");
        }
        if (image == null || !Files.isRegularFile(image)) {
            throw new GroundTruthException(json, "missing '" + names[0] + "' / '" + names[1]
                    + "' and no image file to measure instead");
        }
        try {
            ImageSize s = ImageSize.read(image);
            return names[0].endsWith("Width") ? s.width() : s.height();
        } catch (IOException e) {
            throw new GroundTruthException(json, "missing '" + names[0] + "' and " + e.getMessage(), e);
        }
    }

    /** The written image path, resolved inside the dataset ({@link DatasetPaths}); null when none is written. */
    static Path resolveImage(Path json, String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        return DatasetPaths.resolve(json, written);
    }

    static List<Path> jsonFiles(Path dir) throws GroundTruthException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new GroundTruthException(dir, "no such file or folder");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new GroundTruthException(dir, "no LabelMe .json files found (searched recursively)");
            }
            return files;
        } catch (IOException e) {
            throw new GroundTruthException(dir, "cannot list folder: " + e.getMessage(), e);
        }
    }

    /** The path below the set's folder without ".json": unique even when train/ and val/ share names. */
    private static String nameOf(Path root, Path file) {
        Path rel = Files.isDirectory(root) ? root.relativize(file) : file.getFileName();
        String s = rel.toString().replace('\\', '/');
        return s.substring(0, s.length() - ".json".length());
    }

    private static String setName(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }
}
