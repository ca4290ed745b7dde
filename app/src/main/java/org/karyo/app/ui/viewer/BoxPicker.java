package org.karyo.app.ui.viewer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.karyo.core.geometry.RotatedBox;

/** Finds what is under the pointer, in image pixels (no JavaFX). */
public final class BoxPicker {

    /** The box {@code id} and which part of it was hit. */
    public record Hit(long id, BoxHandle handle) {}

    private static final BoxHandle[] HANDLES = {
        BoxHandle.ROTATE, BoxHandle.LENGTH_PLUS, BoxHandle.LENGTH_MINUS, BoxHandle.WIDTH_PLUS, BoxHandle.WIDTH_MINUS
    };

    private BoxPicker() {}

    /**
     * Handles of selected boxes win (nearest within {@code tolerance}) unless the point is nearer the
     * box's centre than the handle: at fit zoom a chromosome is only ~10 screen pixels wide, and a
     * press in its middle means "move", not "resize". Otherwise the smallest box containing the
     * point, so a short chromosome lying on a long one can still be picked.
     */
    public static Optional<Hit> pick(
            List<ViewBox> boxes, Set<Long> selected, double x, double y, double tolerance, double rotationOffset) {
        Hit best = null;
        double bestDist = tolerance;
        for (ViewBox vb : boxes) {
            if (!selected.contains(vb.id())) {
                continue;
            }
            for (BoxHandle h : HANDLES) {
                double[] p = BoxGeometry.handlePosition(vb.box(), h, rotationOffset);
                double d = Math.hypot(p[0] - x, p[1] - y);
                double toCentre = Math.hypot(vb.box().cx() - x, vb.box().cy() - y);
                if (d <= bestDist && d < toCentre) {
                    bestDist = d;
                    best = new Hit(vb.id(), h);
                }
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        double bestArea = Double.POSITIVE_INFINITY;
        for (ViewBox vb : boxes) {
            RotatedBox b = vb.box();
            if (b.area() < bestArea && BoxGeometry.contains(b, x, y, 0)) {
                bestArea = b.area();
                best = new Hit(vb.id(), BoxHandle.BODY);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Ids of the boxes whose centre lies in the rectangle spanned by two corners (rubber band). */
    public static Set<Long> inRectangle(List<ViewBox> boxes, double x0, double y0, double x1, double y1) {
        double minX = Math.min(x0, x1);
        double maxX = Math.max(x0, x1);
        double minY = Math.min(y0, y1);
        double maxY = Math.max(y0, y1);
        Set<Long> out = new LinkedHashSet<>();
        for (ViewBox vb : boxes) {
            RotatedBox b = vb.box();
            if (b.cx() >= minX && b.cx() <= maxX && b.cy() >= minY && b.cy() <= maxY) {
                out.add(vb.id());
            }
        }
        return out;
    }
}
