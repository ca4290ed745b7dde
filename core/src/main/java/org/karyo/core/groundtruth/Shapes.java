package org.karyo.core.groundtruth;

import org.karyo.core.geometry.Polygon;

/** Shared rules for annotation geometry, so every reader drops the same degenerate shapes. */
final class Shapes {

    /**
     * Polygons smaller than this (pixels squared) are slips of the annotation tool: a real
     * chromosome covers hundreds of pixels even at 645x517, and a zero-area polygon gives a
     * zero-area box whose IoU with anything is 0, an unmatchable ground truth.
     */
    static final double MIN_AREA = 1e-3;

    private Shapes() {}

    /** The polygon, or null when it has fewer than 3 points or (almost) no area. */
    static Polygon usablePolygon(double[] xy) {
        if (xy.length < 6) {
            return null;
        }
        Polygon p = Polygon.of(xy);
        return p.area() < MIN_AREA ? null : p;
    }
}
