package org.karyo.core.geometry;

/**
 * An immutable rotated rectangle in image coordinates (y down): centre, long side {@code w},
 * short side {@code h}, and the direction of the long side {@code angle} in degrees in [0, 180).
 * The long side points along (cos angle, sin angle).
 *
 * <p>Every instance is normalised by the constructor: if {@code w < h} the sides are swapped and
 * 90 degrees added, then the angle is reduced into [0, 180). So two boxes describing the same
 * rectangle compare equal up to floating point, whichever way they were built.
 */
public record RotatedBox(double cx, double cy, double w, double h, double angle) {

    public RotatedBox {
        if (!Double.isFinite(cx)
                || !Double.isFinite(cy)
                || !Double.isFinite(w)
                || !Double.isFinite(h)
                || !Double.isFinite(angle)) {
            throw new IllegalArgumentException(
                    "non-finite rotated box: " + cx + "," + cy + "," + w + "," + h + "," + angle);
        }
        if (w < 0 || h < 0) {
            throw new IllegalArgumentException("negative side: w=" + w + " h=" + h);
        }
        if (w < h) {
            double t = w;
            w = h;
            h = t;
            angle += 90.0;
        }
        angle = normaliseAngle(angle);
    }

    /** Static factory, same normalisation as the constructor. */
    public static RotatedBox of(double cx, double cy, double w, double h, double angleDeg) {
        return new RotatedBox(cx, cy, w, h, angleDeg);
    }

    /** Reduces any angle in degrees into [0, 180). */
    public static double normaliseAngle(double deg) {
        double a = deg % 180.0;
        if (a < 0) {
            a += 180.0;
        }
        // -1e-18 % 180 + 180 rounds to exactly 180.0
        return a >= 180.0 ? 0.0 : a;
    }

    public double area() {
        return w * h;
    }

    /** Half the diagonal: every point of the box lies within this distance of the centre. */
    public double radius() {
        return 0.5 * Math.hypot(w, h);
    }

    /**
     * Corners as {x0, y0, x1, y1, x2, y2, x3, y3}, ordered so the shoelace area is positive
     * (counter-clockwise when y points up).
     */
    public double[] corners() {
        double[] out = new double[8];
        double rad = Math.toRadians(angle);
        RectIntersection.corners(cx, cy, Math.cos(rad), Math.sin(rad), w / 2, h / 2, out);
        return out;
    }

    /** The axis-aligned bounding rectangle. */
    public AxisBox bounds() {
        double rad = Math.toRadians(angle);
        double c = Math.abs(Math.cos(rad));
        double s = Math.abs(Math.sin(rad));
        double hx = 0.5 * (w * c + h * s);
        double hy = 0.5 * (w * s + h * c);
        return new AxisBox(cx - hx, cy - hy, cx + hx, cy + hy);
    }

    /** Scales centre and sides by {@code f} (angle unchanged): exact for aspect-preserving resizes. */
    public RotatedBox scaled(double f) {
        return new RotatedBox(cx * f, cy * f, w * f, h * f, angle);
    }

    public RotatedBox translated(double dx, double dy) {
        return new RotatedBox(cx + dx, cy + dy, w, h, angle);
    }

    /** Exact skew-IoU with another box. */
    public double iou(RotatedBox other) {
        return SkewIou.iou(this, other);
    }
}
