package org.karyo.annotation;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One annotated metaphase image: which image (null when unknown), its size, every chromosome
 * instance, who annotated it and when (null when unknown, e.g. imported from another tool).
 * Instance ids are unique within an image.
 */
public record AnnotatedImage(
        Path image,
        int width,
        int height,
        List<InstancePolygon> instances,
        String annotator,
        Instant created,
        Instant modified) {

    public AnnotatedImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        instances = List.copyOf(instances);
        Set<Integer> ids = new HashSet<>();
        for (InstancePolygon p : instances) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("instance id " + p.id() + " used twice");
            }
        }
    }

    public static AnnotatedImage of(Path image, int width, int height, List<InstancePolygon> instances) {
        return new AnnotatedImage(image, width, height, instances, null, null, null);
    }

    public AnnotatedImage withInstances(List<InstancePolygon> newInstances) {
        return new AnnotatedImage(image, width, height, newInstances, annotator, created, modified);
    }

    public AnnotatedImage withImage(Path newImage) {
        return new AnnotatedImage(newImage, width, height, instances, annotator, created, modified);
    }

    /** Records an edit: who, and now as the modification time (created is set on the first edit). */
    public AnnotatedImage editedBy(String who, Instant when) {
        return new AnnotatedImage(image, width, height, instances, who, created == null ? when : created, when);
    }

    /** The smallest id not in use, for a new instance. */
    public int nextId() {
        return instances.stream().mapToInt(InstancePolygon::id).max().orElse(0) + 1;
    }

    /** The problems of every instance, in instance order. */
    public List<Problem> validate() {
        List<Problem> out = new ArrayList<>();
        for (InstancePolygon p : instances) {
            out.addAll(p.validate(width, height));
        }
        return out;
    }
}
