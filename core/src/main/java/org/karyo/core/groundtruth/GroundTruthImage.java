package org.karyo.core.groundtruth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The annotations of one image. {@code imagePath} is where the annotation says the image is,
 * resolved against the annotation file; it is kept even when no file is there (some published
 * LabelMe sets ship annotations without their images) and is null only when none is named.
 * {@code name} identifies the image within its set (annotation file stem or COCO file name).
 */
public record GroundTruthImage(String name, Path imagePath, int width, int height, List<GroundTruthObject> objects) {

    public GroundTruthImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        objects = List.copyOf(objects);
    }

    public boolean imageAvailable() {
        return imagePath != null && Files.isRegularFile(imagePath);
    }
}
