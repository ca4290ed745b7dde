package org.karyo.inference.detect;

import org.karyo.core.geometry.RotatedBox;

/** One detected chromosome: its rotated box and foreground probability. */
public record Detection(RotatedBox box, double score) {

    public static Detection of(double cx, double cy, double w, double h, double angle, double score) {
        return new Detection(RotatedBox.of(cx, cy, w, h, angle), score);
    }
}
