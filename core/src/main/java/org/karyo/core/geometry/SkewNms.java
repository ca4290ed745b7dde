package org.karyo.core.geometry;

import java.util.Arrays;

/**
 * Greedy skew-NMS with exact skew-IoU: boxes are visited by descending score (ties: lower index
 * first) and a box is dropped when its IoU with any already kept box is {@code >= threshold}.
 *
 * <p>{@link #keep} gives exactly the result of the plain O(n^2) rule ({@link #keepPlain}) but only
 * compares boxes that can overlap: kept boxes are filed in a uniform grid by their bounding
 * rectangle, and a candidate is tested against the kept boxes in the cells its own rectangle
 * covers. Two cheap bounds skip the clipping: disjoint bounding rectangles, and
 * {@code IoU <= min(area) / max(area)}.
 */
public final class SkewNms {

    private SkewNms() {}

    /** Indices of the kept boxes, in descending score order. */
    public static int[] keep(RotatedBox[] boxes, double[] scores, double threshold) {
        checkArgs(boxes, scores, threshold);
        int n = boxes.length;
        if (n == 0) {
            return new int[0];
        }
        int[] order = scoreOrder(scores);
        Prepared p = new Prepared(boxes);
        Grid grid = Grid.covering(p);
        int[] kept = new int[n];
        int nKept = 0;
        int[] seen = new int[n]; // seen[k] == candidate stamp: kept box k already tested
        Arrays.fill(seen, -1);
        for (int rank = 0; rank < n; rank++) {
            int i = order[rank];
            if (!grid.anyOverlap(p, i, threshold, seen, rank)) {
                kept[nKept++] = i;
                grid.add(p, i);
            }
        }
        return Arrays.copyOf(kept, nKept);
    }

    /** The plain rule: every candidate against every kept box. The reference {@link #keep} must equal. */
    public static int[] keepPlain(RotatedBox[] boxes, double[] scores, double threshold) {
        checkArgs(boxes, scores, threshold);
        int[] order = scoreOrder(scores);
        Prepared p = new Prepared(boxes);
        int[] kept = new int[boxes.length];
        int nKept = 0;
        for (int i : order) {
            boolean drop = false;
            for (int k = 0; k < nKept && !drop; k++) {
                drop = p.iou(i, kept[k]) >= threshold;
            }
            if (!drop) {
                kept[nKept++] = i;
            }
        }
        return Arrays.copyOf(kept, nKept);
    }

    private static void checkArgs(RotatedBox[] boxes, double[] scores, double threshold) {
        if (boxes.length != scores.length) {
            throw new IllegalArgumentException(boxes.length + " boxes but " + scores.length + " scores");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("NMS threshold must be in (0, 1], got " + threshold);
        }
    }

    /** Indices by descending score, ties by ascending index. */
    static int[] scoreOrder(double[] scores) {
        int[] packed = packedOrder(scores);
        return packed != null ? packed : mergeOrder(scores);
    }

    /**
     * Model scores are float32 probabilities: then (descending score, index) packs into one long and
     * a primitive sort orders it. Null when some score is negative, NaN or not a float.
     */
    private static int[] packedOrder(double[] scores) {
        int n = scores.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            float f = (float) scores[i];
            if (!(f >= 0) || f != scores[i]) {
                return null;
            }
            // non-negative float bits grow with the value; invert them for descending order
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(f)) << 32) | i;
        }
        java.util.Arrays.sort(keys);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** Stable merge sort on primitives (no boxing), for any scores. */
    private static int[] mergeOrder(double[] scores) {
        int n = scores.length;
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) {
                    // '>=' keeps equal scores in index order (stability)
                    b[k++] = Double.compare(scores[a[i]], scores[a[j]]) >= 0 ? a[i++] : a[j++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /** Per box: centre, long-axis unit vector, half sides, area and bounding rectangle, computed once. */
    static final class Prepared {
        final double[] cx, cy, cos, sin, hw, hh, areas;
        final double[] x1, y1, x2, y2;
        private final RectIntersection.Scratch scratch = new RectIntersection.Scratch();

        Prepared(RotatedBox[] boxes) {
            int n = boxes.length;
            cx = new double[n];
            cy = new double[n];
            cos = new double[n];
            sin = new double[n];
            hw = new double[n];
            hh = new double[n];
            areas = new double[n];
            x1 = new double[n];
            y1 = new double[n];
            x2 = new double[n];
            y2 = new double[n];
            for (int i = 0; i < n; i++) {
                RotatedBox b = boxes[i];
                double t = Math.toRadians(b.angle());
                double c = Math.cos(t), s = Math.sin(t);
                cx[i] = b.cx();
                cy[i] = b.cy();
                cos[i] = c;
                sin[i] = s;
                hw[i] = b.w() / 2;
                hh[i] = b.h() / 2;
                areas[i] = b.area();
                double ex = hw[i] * Math.abs(c) + hh[i] * Math.abs(s);
                double ey = hw[i] * Math.abs(s) + hh[i] * Math.abs(c);
                x1[i] = cx[i] - ex;
                x2[i] = cx[i] + ex;
                y1[i] = cy[i] - ey;
                y2[i] = cy[i] + ey;
            }
        }

        double iou(int i, int j) {
            double inter = RectIntersection.area(
                    cx[i], cy[i], cos[i], sin[i], hw[i], hh[i], cx[j], cy[j], cos[j], sin[j], hw[j], hh[j], scratch);
            return SkewIou.fromIntersection(inter, areas[i], areas[j]);
        }

        boolean mayReach(int i, int j, double threshold) {
            if (x1[i] > x2[j] || x1[j] > x2[i] || y1[i] > y2[j] || y1[j] > y2[i]) {
                return false;
            }
            double small = Math.min(areas[i], areas[j]);
            double large = Math.max(areas[i], areas[j]);
            return large == 0 || small / large >= threshold;
        }

        /** IoU(i, j) >= threshold; clips only when the cheap bounds cannot decide. */
        boolean overlaps(int i, int j, double threshold) {
            if (!mayReach(i, j, threshold)) {
                return false;
            }
            double[] b = scratch.bounds;
            RectIntersection.bounds(
                    cx[i], cy[i], cos[i], sin[i], hw[i], hh[i], cx[j], cy[j], cos[j], sin[j], hw[j], hh[j], b);
            double a = areas[i], c = areas[j];
            double high = Math.min(b[1], Math.min(a, c));
            if (SkewIou.fromIntersection(high, a, c) < threshold) {
                return false;
            }
            if (SkewIou.fromIntersection(b[0], a, c) >= threshold) {
                return true;
            }
            return iou(i, j) >= threshold;
        }
    }
}
