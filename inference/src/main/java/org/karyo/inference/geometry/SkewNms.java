package org.karyo.inference.geometry;

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


    private SkewNms() {
    }

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

    /** Indices by descending score, ties by ascending index: a stable merge sort on primitives (no boxing). */
    static int[] scoreOrder(double[] scores) {
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

    /** Corners (flat, 8 per box), areas and bounding rectangles, computed once per box. */
    static final class Prepared {
        final double[] corners;
        final double[] areas;
        final double[] x1, y1, x2, y2;
        private final double[] scratch1 = new double[24], scratch2 = new double[24];

        Prepared(RotatedBox[] boxes) {
            int n = boxes.length;
            corners = new double[8 * n];
            areas = new double[n];
            x1 = new double[n];
            y1 = new double[n];
            x2 = new double[n];
            y2 = new double[n];
            double[] c = new double[8];
            for (int i = 0; i < n; i++) {
                RotatedBox b = boxes[i];
                b.cornersInto(c);
                System.arraycopy(c, 0, corners, 8 * i, 8);
                areas[i] = b.area();
                x1[i] = Math.min(Math.min(c[0], c[2]), Math.min(c[4], c[6]));
                x2[i] = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6]));
                y1[i] = Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7]));
                y2[i] = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]));
            }
        }

        double iou(int i, int j) {
            return SkewIou.iou(corners, 8 * i, areas[i], 8 * j, areas[j], scratch1, scratch2);
        }

        boolean mayReach(int i, int j, double threshold) {
            if (x1[i] > x2[j] || x1[j] > x2[i] || y1[i] > y2[j] || y1[j] > y2[i]) {
                return false;
            }
            double small = Math.min(areas[i], areas[j]);
            double large = Math.max(areas[i], areas[j]);
            return large == 0 || small / large >= threshold;
        }

        boolean overlaps(int i, int j, double threshold) {
            return mayReach(i, j, threshold) && iou(i, j) >= threshold;
        }
    }
}
