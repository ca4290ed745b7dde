package org.karyo.app.ui.viewer;

import org.karyo.core.geometry.RotatedBox;

/**
 * Pure geometry of box editing, in image pixels (no JavaFX, so it is unit-tested directly).
 * A box has the long axis u = (cos a, sin a) and the short axis v = (-sin a, cos a).
 */
public final class BoxGeometry {

    /** Smallest side an edit may produce, in image pixels. */
    public static final double MIN_SIDE = 2.0;

    private BoxGeometry() {}

    /** The unit long axis {ux, uy}. */
    public static double[] axisU(RotatedBox b) {
        double r = Math.toRadians(b.angle());
        return new double[] {Math.cos(r), Math.sin(r)};
    }

    /** True when (x, y) lies inside the box grown by {@code tolerance} on every side. */
    public static boolean contains(RotatedBox b, double x, double y, double tolerance) {
        double[] u = axisU(b);
        double dx = x - b.cx();
        double dy = y - b.cy();
        double along = dx * u[0] + dy * u[1];
        double across = -dx * u[1] + dy * u[0];
        return Math.abs(along) <= b.w() / 2 + tolerance && Math.abs(across) <= b.h() / 2 + tolerance;
    }

    /**
     * Where a handle is drawn: the middle of an edge, the centre for {@code BODY}, or a point
     * {@code rotationOffset} beyond the {@code LENGTH_PLUS} edge for {@code ROTATE}.
     */
    public static double[] handlePosition(RotatedBox b, BoxHandle h, double rotationOffset) {
        double[] u = axisU(b);
        double ux = u[0];
        double uy = u[1];
        double vx = -uy;
        double vy = ux;
        double hw = b.w() / 2;
        double hh = b.h() / 2;
        return switch (h) {
            case BODY -> new double[] {b.cx(), b.cy()};
            case LENGTH_PLUS -> new double[] {b.cx() + ux * hw, b.cy() + uy * hw};
            case LENGTH_MINUS -> new double[] {b.cx() - ux * hw, b.cy() - uy * hw};
            case WIDTH_PLUS -> new double[] {b.cx() + vx * hh, b.cy() + vy * hh};
            case WIDTH_MINUS -> new double[] {b.cx() - vx * hh, b.cy() - vy * hh};
            case ROTATE -> new double[] {b.cx() + ux * (hw + rotationOffset), b.cy() + uy * (hw + rotationOffset)};
        };
    }

    /**
     * Moves the edge of {@code handle} by the pointer displacement (dx, dy) projected on that
     * edge's normal; the opposite edge stays where it was. Sides never shrink below {@link #MIN_SIDE}.
     */
    public static RotatedBox resize(RotatedBox b, BoxHandle handle, double dx, double dy) {
        if (!handle.isResize()) {
            throw new IllegalArgumentException("not a resize handle: " + handle);
        }
        double[] u = axisU(b);
        double ux = u[0];
        double uy = u[1];
        boolean length = handle == BoxHandle.LENGTH_PLUS || handle == BoxHandle.LENGTH_MINUS;
        double sign = handle == BoxHandle.LENGTH_PLUS || handle == BoxHandle.WIDTH_PLUS ? 1 : -1;
        // the normal of the moving edge
        double nx = length ? ux : -uy;
        double ny = length ? uy : ux;
        double old = length ? b.w() : b.h();
        double side = Math.max(MIN_SIDE, old + sign * (dx * nx + dy * ny));
        double shift = sign * (side - old) / 2;
        double cx = b.cx() + nx * shift;
        double cy = b.cy() + ny * shift;
        // built in the box's own frame; the record renormalises if width now exceeds length
        return length ? RotatedBox.of(cx, cy, side, b.h(), b.angle()) : RotatedBox.of(cx, cy, b.w(), side, b.angle());
    }

    /**
     * Turns the box about its centre by the angle the pointer swept around the centre, from
     * (x0, y0) to (x, y); the grab point may be anywhere, so the box never jumps.
     */
    public static RotatedBox rotate(RotatedBox b, double x0, double y0, double x, double y) {
        double a0 = Math.atan2(y0 - b.cy(), x0 - b.cx());
        double a1 = Math.atan2(y - b.cy(), x - b.cx());
        return RotatedBox.of(b.cx(), b.cy(), b.w(), b.h(), b.angle() + Math.toDegrees(a1 - a0));
    }

    /**
     * The box drawn by the ADD tool: the segment (x1, y1)-(x2, y2) runs along the chromosome from
     * one end to the other (centre, length and angle); {@code width} is the short side.
     */
    public static RotatedBox fromAxis(double x1, double y1, double x2, double y2, double width) {
        double length = Math.max(MIN_SIDE, Math.hypot(x2 - x1, y2 - y1));
        double angle = Math.toDegrees(Math.atan2(y2 - y1, x2 - x1));
        return RotatedBox.of((x1 + x2) / 2, (y1 + y2) / 2, length, Math.max(MIN_SIDE, width), angle);
    }

    /**
     * The width the ADD tool proposes for a pointer at (px, py): twice its distance from the line
     * through the axis segment, so the pointer marks one long edge.
     */
    public static double widthFromPointer(double x1, double y1, double x2, double y2, double px, double py) {
        double len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 1e-9) {
            return Math.max(MIN_SIDE, 2 * Math.hypot(px - x1, py - y1));
        }
        double cross = ((x2 - x1) * (py - y1) - (y2 - y1) * (px - x1)) / len;
        return Math.max(MIN_SIDE, 2 * Math.abs(cross));
    }
}
