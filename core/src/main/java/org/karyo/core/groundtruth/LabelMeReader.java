package org.karyo.core.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.Polygon;

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
    public record Lenient(GroundTruthSet set, List<AnnotationFileException> errors) {}

    private LabelMeReader() {}

    /** Strict: the first unusable file aborts the read. {@code dir} may also be a single file. */
    public static GroundTruthSet read(Path dir) throws AnnotationFileException {
        List<GroundTruthImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path f : annotationFiles(dir, notes)) {
            images.add(readFile(f, nameOf(dir, f), notes));
        }
        return new GroundTruthSet(setName(dir), FORMAT, false, images, notes);
    }

    /** Lenient: collects per-file errors and goes on; throws only when the folder has no JSON at all. */
    public static Lenient readLenient(Path dir) throws AnnotationFileException {
        List<GroundTruthImage> images = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<AnnotationFileException> errors = new ArrayList<>();
        for (Path f : annotationFiles(dir, notes)) {
            try {
                images.add(readFile(f, nameOf(dir, f), notes));
            } catch (AnnotationFileException e) {
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
    private static final List<String> LABELME_KEYS = List.of(
            "shapes",
            "imagePath",
            "image_path",
            "imageWidth",
            "image_width",
            "imageHeight",
            "image_height",
            "imageData");

    private static List<Path> annotationFiles(Path dir, List<String> notes) throws AnnotationFileException {
        // parsed twice (here and in readFile): annotation files are small, clarity wins
        List<Path> out = new ArrayList<>();
        for (Path f : jsonFiles(dir)) {
            JsonNode root;
            try {
                root = JsonFiles.readObject(f);
            } catch (AnnotationFileException e) {
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
    public static GroundTruthImage readFile(Path json, String name, List<String> notes) throws AnnotationFileException {
        return AnnotationFileException.guarded(json, () -> readFileChecked(json, name, notes));
    }

    private static GroundTruthImage readFileChecked(Path json, String name, List<String> notes)
            throws AnnotationFileException {
        LabelMeFile file = LabelMeFile.read(json);
        List<GroundTruthObject> objects = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (LabelMeFile.Shape s : file.shapes()) {
            double[] xy = s.xy();
            switch (s.type()) {
                case "polygon" -> {
                    Polygon p = Shapes.usablePolygon(xy);
                    if (p == null) {
                        skipped.merge("degenerate polygon", 1, Integer::sum);
                    } else {
                        objects.add(GroundTruthObject.ofPolygon(p, s.label()));
                    }
                }
                case "rectangle" -> {
                    // LabelMe stores two opposite corners, in either order; other tools four.
                    if (xy.length < 4) {
                        throw new AnnotationFileException(json, s.where() + ": a rectangle needs 2 points");
                    }
                    AxisBox b = Polygon.of(xy).bounds();
                    if (b.area() < Shapes.MIN_AREA) {
                        skipped.merge("degenerate rectangle", 1, Integer::sum);
                    } else {
                        objects.add(GroundTruthObject.ofAxis(b, s.label()));
                    }
                }
                default -> skipped.merge("'" + s.type() + "' shape", 1, Integer::sum);
            }
        }
        skipped.forEach((what, n) -> notes.add(name + ": skipped " + n + " " + what + "(s)"));
        return new GroundTruthImage(name, file.image(), file.width(), file.height(), objects);
    }

    static List<Path> jsonFiles(Path dir) throws AnnotationFileException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new AnnotationFileException(dir, "no such file or folder");
        }
        List<Path> files = DatasetPaths.jsonFilesBelow(dir);
        if (files.isEmpty()) {
            throw new AnnotationFileException(dir, "no LabelMe .json files found (searched recursively)");
        }
        return files;
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
