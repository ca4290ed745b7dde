package org.karyo.core.groundtruth;

import java.util.List;

/**
 * A read annotation set. {@code horizontal} is true for box-only formats (YOLO): such sets are
 * evaluated with horizontal IoU, since their boxes say nothing about orientation. {@code notes}
 * tell what the reader skipped or guessed, so a user can judge the set before trusting metrics.
 */
public record GroundTruthSet(
        String name, String format, boolean horizontal, List<GroundTruthImage> images, List<String> notes) {

    public GroundTruthSet {
        images = List.copyOf(images);
        notes = List.copyOf(notes);
    }

    public int objectCount() {
        return images.stream().mapToInt(i -> i.objects().size()).sum();
    }

    /**
     * Drops images without any object. Evaluating them would count every detection on them as a
     * false positive, which is wrong when "no annotation" means "not annotated" (as in the M-FISH
     * COCO set) rather than "empty".
     */
    public GroundTruthSet annotatedOnly() {
        List<GroundTruthImage> kept =
                images.stream().filter(i -> !i.objects().isEmpty()).toList();
        return new GroundTruthSet(name, format, horizontal, kept, notes);
    }
}
