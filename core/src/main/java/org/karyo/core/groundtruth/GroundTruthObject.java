package org.karyo.core.groundtruth;

import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.Polygon;
import org.karyo.core.geometry.RotatedBox;

/**
 * One annotated chromosome. {@code box} is always set (the polygon's minimum-area rectangle, or
 * the axis box as a rotated box) so rotated evaluation never has to branch; {@code polygon} is
 * null for box-only formats and {@code axis} is null for polygon-only ones.
 */
public record GroundTruthObject(RotatedBox box, Polygon polygon, AxisBox axis, String label) {

    public GroundTruthObject {
        if (box == null) {
            throw new IllegalArgumentException("a ground-truth object needs a box");
        }
    }

    public static GroundTruthObject ofPolygon(Polygon polygon, String label) {
        return new GroundTruthObject(polygon.minAreaRect(), polygon, null, label);
    }

    public static GroundTruthObject ofAxis(AxisBox axis, String label) {
        return new GroundTruthObject(axis.toRotated(), null, axis, label);
    }

    /** The horizontal box to compare with under horizontal IoU: the annotated one if any, else the bounds. */
    public AxisBox axisOrBounds() {
        return axis != null ? axis : box.bounds();
    }
}
