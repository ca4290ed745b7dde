package org.karyo.core.geometry;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable simple polygon (one chromosome outline) as flat {x0, y0, x1, y1, ...} coordinates.
 * Ground truth arrives as polygons (LabelMe, COCO); the detector works with rotated boxes, so the
 * bridge between the two is {@link #minAreaRect()}.
 */
public final class Polygon {

    private final double[] xy;

    private Polygon(double[] xy) {
        this.xy = xy;
    }

    /** From flat coordinates; needs at least one point, all finite. */
    public static Polygon of(double... xy) {
        if (xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs x,y pairs, got " + xy.length + " numbers");
        }
        for (double v : xy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("non-finite polygon coordinate");
            }
        }
        return new Polygon(xy.clone());
    }

    public static Polygon ofPoints(List<double[]> points) {
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            if (p.length < 2) {
                throw new IllegalArgumentException("point " + i + " has fewer than 2 coordinates");
            }
            xy[2 * i] = p[0];
            xy[2 * i + 1] = p[1];
        }
        return of(xy);
    }

    public int size() {
        return xy.length / 2;
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    public double[] coordinates() {
        return xy.clone();
    }

    /** Absolute shoelace area. */
    public double area() {
        return Math.abs(RectIntersection.shoelace(xy, size()));
    }

    public AxisBox bounds() {
        double x1 = Double.POSITIVE_INFINITY, y1 = Double.POSITIVE_INFINITY;
        double x2 = Double.NEGATIVE_INFINITY, y2 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size(); i++) {
            x1 = Math.min(x1, x(i));
            x2 = Math.max(x2, x(i));
            y1 = Math.min(y1, y(i));
            y2 = Math.max(y2, y(i));
        }
        return new AxisBox(x1, y1, x2, y2);
    }

    /** The minimum-area enclosing rectangle, as the paper derives ground-truth boxes. */
    public RotatedBox minAreaRect() {
        return MinAreaRect.of(xy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polygon p && Arrays.equals(xy, p.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Polygon[" + size() + " points]";
    }
}
