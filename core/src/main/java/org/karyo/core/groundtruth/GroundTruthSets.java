package org.karyo.core.groundtruth;

import java.nio.file.Path;
import java.util.Locale;

/** Reads a ground-truth set by format name, as the command line and the app name them. */
public final class GroundTruthSets {

    private GroundTruthSets() {}

    /**
     * {@code format}: "labelme" (a folder of JSON, searched recursively), "coco" (the JSON file or
     * a folder holding one) or "yolo" (a folder with images/ and labels/).
     */
    public static GroundTruthSet read(Path dir, String format) throws AnnotationFileException {
        return switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
            case LabelMeReader.FORMAT -> LabelMeReader.read(dir);
            case CocoReader.FORMAT -> CocoReader.read(dir);
            case YoloReader.FORMAT -> YoloReader.read(dir);
            default -> throw new AnnotationFileException(
                    dir, "unknown annotation format '" + format + "' (expected labelme, coco or yolo)");
        };
    }
}
