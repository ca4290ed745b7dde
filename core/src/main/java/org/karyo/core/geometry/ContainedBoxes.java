package org.karyo.core.geometry;

import java.util.Arrays;

/**
 * The second rule after skew-NMS: a box is dropped when most of its area lies inside a
 * higher-scoring kept box. Skew-IoU misses these pairs because their areas differ: a box on one
 * sister chromatid or one arm lies wholly inside its chromosome's box and still has an IoU of
 * 0.3-0.5 with it. Runs on the few hundred boxes skew-NMS keeps, so the plain pairwise loop is
 * cheap; a bounding-circle test skips the clipping for far-apart pairs.
 */
public final class ContainedBoxes {

    private ContainedBoxes() {}

    /**
     * Drops every kept box that lies mostly inside an earlier (higher-scoring) surviving box.
     *
     * @param kept     indices into {@code boxes} in descending score order (skew-NMS's output)
     * @param fraction drop a box when at least this fraction of its area is inside an earlier
     *                 surviving box, in (0, 1]
     * @return the surviving indices, in the same order
     */
    public static int[] drop(RotatedBox[] boxes, int[] kept, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("containment fraction must be in (0, 1], got " + fraction);
        }
        int[] out = new int[kept.length];
        int n = 0;
        for (int i : kept) {
            RotatedBox b = boxes[i];
            boolean inside = false;
            for (int k = 0; k < n && !inside; k++) {
                inside = coveredFraction(b, boxes[out[k]]) >= fraction;
            }
            if (!inside) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The fraction of {@code inner}'s area that lies inside {@code outer}; 0 for a degenerate box. */
    public static double coveredFraction(RotatedBox inner, RotatedBox outer) {
        double area = inner.area();
        if (!(area > 0)) {
            return 0;
        }
        double reach = (Math.hypot(inner.w(), inner.h()) + Math.hypot(outer.w(), outer.h())) / 2;
        if (Math.hypot(inner.cx() - outer.cx(), inner.cy() - outer.cy()) >= reach) {
            return 0;
        }
        return SkewIou.intersectionArea(inner, outer) / area;
    }
}
