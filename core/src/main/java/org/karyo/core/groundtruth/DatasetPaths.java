package org.karyo.core.groundtruth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves an image path written in an annotation file (LabelMe {@code imagePath}, COCO
 * {@code file_name}) without ever leaving the dataset: relative paths may reach the annotation's
 * folder and the folder above it (a sibling {@code images/}, the AutoKary2022 layout), never
 * further ({@code ../../../../etc/passwd} is refused); absolute paths (written on another machine)
 * are not followed, only their file name is looked up beside the annotation; control characters
 * (NUL) are refused. Backslashes (LabelMe on Windows) are separators.
 */
public final class DatasetPaths {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern ABSOLUTE = Pattern.compile("^(/|[A-Za-z]:/|//).*");

    private DatasetPaths() {}

    /**
     * The image for {@code written}, as read from {@code annotation}: the first candidate that
     * exists, else the first candidate (so a set still says which image it describes).
     *
     * @throws IllegalArgumentException with the reason, when the path is refused
     */
    public static Path resolve(Path annotation, String written) {
        if (CONTROL.matcher(written).find()) {
            throw new IllegalArgumentException("the image path contains control characters");
        }
        String p = written.replace('\\', '/');
        Path dir = annotation.toAbsolutePath().normalize().getParent();
        Path root = dir.getParent() == null ? dir : dir.getParent();
        String fileName = p.substring(p.lastIndexOf('/') + 1);
        try {
            if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..")) {
                throw new IllegalArgumentException("the image path '" + written + "' names no file");
            }
            List<Path> candidates;
            if (ABSOLUTE.matcher(p).matches()) {
                candidates = List.of(
                        dir.resolve(fileName), dir.resolveSibling("images").resolve(fileName));
            } else {
                Path direct = dir.resolve(p).normalize();
                if (!direct.startsWith(root)) {
                    throw new IllegalArgumentException("the image path '" + written + "' points outside the dataset "
                            + "folder " + root + "; refused");
                }
                candidates = List.of(
                        direct,
                        dir.resolve(fileName),
                        dir.resolveSibling("images").resolve(fileName));
            }
            for (Path c : candidates) {
                if (Files.isRegularFile(c)) {
                    return c;
                }
            }
            return candidates.get(0);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "the image path '" + written + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    /**
     * A file name that must stay near its images folder (COCO {@code file_name}): no control
     * characters, not absolute, at most one {@code ..} (the folder above, as Karyo's own COCO export
     * writes {@code ../images/x.png}).
     *
     * @throws IllegalArgumentException with the reason, when the name is refused
     */
    public static String checkBelow(String written) {
        if (CONTROL.matcher(written).find()) {
            throw new IllegalArgumentException("the file name contains control characters");
        }
        String p = written.replace('\\', '/');
        try {
            Path rel = Path.of(p).normalize();
            int up = 0;
            while (up < rel.getNameCount() && rel.getName(up).toString().equals("..")) {
                up++;
            }
            // one level up is the export layout (coco/instances.json naming ../images/x.png); never further
            if (ABSOLUTE.matcher(p).matches() || rel.isAbsolute() || up > 1 || p.isBlank()) {
                throw new IllegalArgumentException(
                        "the file name '" + written + "' points outside the images folder; " + "refused");
            }
            return p;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "the file name '" + written + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    /** Every .json file below {@code dir} (any depth), sorted; the COCO and LabelMe readers both look for them. */
    static List<Path> jsonFilesBelow(Path dir) throws AnnotationFileException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AnnotationFileException(dir, "cannot list folder: " + e.getMessage(), e);
        }
    }
}
