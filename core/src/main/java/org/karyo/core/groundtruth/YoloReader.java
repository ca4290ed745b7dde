package org.karyo.core.groundtruth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.karyo.core.geometry.AxisBox;

/**
 * Reads a YOLO detection set: {@code images/} and {@code labels/} side by side, one
 * {@code class cx cy w h} line per box, all normalised to the image size. The size comes from the
 * image header. Sets are horizontal: they are evaluated with horizontal IoU.
 */
public final class YoloReader {

    public static final String FORMAT = "yolo";

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");
    private static final Pattern NAMES = Pattern.compile("(?m)^\\s*names\\s*:\\s*\\[(.*)]");

    private YoloReader() {}

    public static GroundTruthSet read(Path dir) throws AnnotationFileException {
        return AnnotationFileException.guarded(dir, () -> readChecked(dir));
    }

    private static GroundTruthSet readChecked(Path dir) throws AnnotationFileException {
        Path imagesDir = dir.resolve("images");
        Path labelsDir = dir.resolve("labels");
        if (!Files.isDirectory(imagesDir) || !Files.isDirectory(labelsDir)) {
            throw new AnnotationFileException(dir, "a YOLO set needs images/ and labels/ folders here");
        }
        List<String> names = classNames(dir);
        List<String> notes = new ArrayList<>();
        Set<String> unusedLabels = new TreeSet<>(stems(labelsDir, Set.of("txt")));
        List<GroundTruthImage> images = new ArrayList<>();
        int unlabelled = 0, degenerate = 0;
        for (String file : files(imagesDir, IMAGE_EXTENSIONS)) {
            Path image = imagesDir.resolve(file);
            ImageSize size;
            try {
                size = ImageSize.read(image);
            } catch (IOException e) {
                throw new AnnotationFileException(image, "cannot read the image size: " + e.getMessage(), e);
            }
            String stem = stem(file);
            Path label = labelsDir.resolve(stem + ".txt");
            List<GroundTruthObject> objects = new ArrayList<>();
            // YOLO convention: an image without a label file shows no object.
            if (Files.isRegularFile(label)) {
                unusedLabels.remove(stem);
                degenerate += readLabels(label, size, names, objects);
            } else {
                unlabelled++;
            }
            images.add(new GroundTruthImage(stem, image, size.width(), size.height(), objects));
        }
        if (unlabelled > 0) {
            notes.add(unlabelled + " image(s) without a label file, taken as showing no chromosome");
        }
        if (degenerate > 0) {
            notes.add(degenerate + " box(es) with zero width or height ignored");
        }
        if (!unusedLabels.isEmpty()) {
            notes.add(unusedLabels.size() + " label file(s) without an image ignored: " + unusedLabels);
        }
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return new GroundTruthSet(n == null ? dir.toString() : n.toString(), FORMAT, true, images, notes);
    }

    /** Appends the boxes of one label file; returns how many degenerate ones were dropped. */
    private static int readLabels(Path file, ImageSize size, List<String> names, List<GroundTruthObject> out)
            throws AnnotationFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AnnotationFileException(file, "cannot read: " + e.getMessage(), e);
        }
        int degenerate = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", -1);
            if (f.length != 5) {
                throw new AnnotationFileException(
                        file,
                        "line " + (i + 1) + ": expected 'class cx cy w h', got " + f.length
                                + " fields (segmentation or prediction files are not ground truth)");
            }
            int cls;
            double cx, cy, w, h;
            try {
                cls = Integer.parseInt(f[0]);
                cx = Double.parseDouble(f[1]) * size.width();
                cy = Double.parseDouble(f[2]) * size.height();
                w = Double.parseDouble(f[3]) * size.width();
                h = Double.parseDouble(f[4]) * size.height();
            } catch (NumberFormatException e) {
                throw new AnnotationFileException(file, "line " + (i + 1) + ": not a number: " + e.getMessage());
            }
            if (!Double.isFinite(cx + cy + w + h) || w < 0 || h < 0) {
                throw new AnnotationFileException(file, "line " + (i + 1) + ": non-finite or negative box");
            }
            if (w == 0 || h == 0) {
                degenerate++;
                continue;
            }
            String label = cls >= 0 && cls < names.size() ? names.get(cls) : Integer.toString(cls);
            out.add(GroundTruthObject.ofAxis(AxisBox.ofCentre(cx, cy, w, h), label));
        }
        return degenerate;
    }

    /** Class names from a data.yaml's one-line {@code names: [a, b]}; empty (ids used) otherwise. */
    static List<String> classNames(Path dir) {
        Path yaml = dir.resolve("data.yaml");
        if (!Files.isRegularFile(yaml)) {
            return List.of();
        }
        try {
            Matcher m = NAMES.matcher(Files.readString(yaml));
            if (!m.find()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String s : m.group(1).split(",", -1)) {
                out.add(s.strip().replaceAll("^['\"]|['\"]$", ""));
            }
            return out;
        } catch (IOException e) {
            return List.of(); // names are a nicety; ids still identify the classes
        }
    }

    private static List<String> files(Path dir, Set<String> extensions) throws AnnotationFileException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> extensions.contains(extension(n)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AnnotationFileException(dir, "cannot list folder: " + e.getMessage(), e);
        }
    }

    private static List<String> stems(Path dir, Set<String> extensions) throws AnnotationFileException {
        return files(dir, extensions).stream().map(YoloReader::stem).toList();
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
