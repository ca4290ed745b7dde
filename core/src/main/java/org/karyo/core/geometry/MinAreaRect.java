package org.karyo.core.geometry;

import java.util.Arrays;

/**
 * Minimum-area enclosing rectangle of a point set: convex hull (monotone chain, O(n log n)), then
 * the rectangle flush with each hull edge (one edge of the optimum always lies on the hull), its
 * extreme points found by rotating calipers: three pointers that only move forward around the
 * hull, so O(h) for h hull points. (Projecting every hull point for every edge was O(h^2): a
 * 300,000-point outline took minutes.)
 */
final class MinAreaRect {

    private MinAreaRect() {}

    static RotatedBox of(double[] xy) {
        double[] hull = convexHull(xy);
        int n = hull.length / 2;
        if (n == 1) {
            return new RotatedBox(hull[0], hull[1], 0, 0, 0);
        }
        if (n == 2) {
            double dx = hull[2] - hull[0];
            double dy = hull[3] - hull[1];
            return new RotatedBox(
                    (hull[0] + hull[2]) / 2,
                    (hull[1] + hull[3]) / 2,
                    Math.hypot(dx, dy),
                    0,
                    Math.toDegrees(Math.atan2(dy, dx)));
        }
        double bestArea = Double.POSITIVE_INFINITY;
        RotatedBox best = null;
        int maxU = -1, minU = -1, maxV = -1;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = hull[2 * j] - hull[2 * i];
            double ey = hull[2 * j + 1] - hull[2 * i + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            double ux = ex / len, uy = ey / len;
            if (maxU < 0) { // first edge: find the extremes by a scan, then only advance
                maxU = argExtreme(hull, n, ux, uy, true);
                minU = argExtreme(hull, n, ux, uy, false);
                maxV = argExtreme(hull, n, -uy, ux, true);
            } else {
                maxU = advance(hull, n, maxU, ux, uy, true);
                minU = advance(hull, n, minU, ux, uy, false);
                maxV = advance(hull, n, maxV, -uy, ux, true);
            }
            double hiU = dot(hull, maxU, ux, uy), loU = dot(hull, minU, ux, uy);
            double hiV = dot(hull, maxV, -uy, ux), loV = dot(hull, i, -uy, ux);
            // counter-clockwise hull: every point lies left of the edge, so the edge holds the smallest v
            double area = (hiU - loU) * (hiV - loV);
            if (area < bestArea) {
                bestArea = area;
                double mu = (loU + hiU) / 2, mv = (loV + hiV) / 2;
                double cx = mu * ux - mv * uy;
                double cy = mu * uy + mv * ux;
                best = new RotatedBox(cx, cy, hiU - loU, hiV - loV, Math.toDegrees(Math.atan2(uy, ux)));
            }
        }
        return best;
    }

    private static double dot(double[] hull, int k, double dx, double dy) {
        return hull[2 * k] * dx + hull[2 * k + 1] * dy;
    }

    private static int argExtreme(double[] hull, int n, double dx, double dy, boolean max) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            double d = dot(hull, k, dx, dy), b = dot(hull, best, dx, dy);
            if (max ? d > b : d < b) {
                best = k;
            }
        }
        return best;
    }

    /** Moves a caliper forward while the next hull point is at least as far along the direction (at most one lap). */
    private static int advance(double[] hull, int n, int k, double dx, double dy, boolean max) {
        for (int steps = 0; steps < n; steps++) {
            int next = (k + 1) % n;
            double d = dot(hull, next, dx, dy), c = dot(hull, k, dx, dy);
            if (max ? d >= c : d <= c) {
                k = next;
            } else {
                break;
            }
        }
        return k;
    }

    /** Andrew's monotone chain; returns hull vertices, counter-clockwise, no collinear points. */
    static double[] convexHull(double[] xy) {
        int n = xy.length / 2;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(
                idx,
                (a, b) -> xy[2 * a] != xy[2 * b]
                        ? Double.compare(xy[2 * a], xy[2 * b])
                        : Double.compare(xy[2 * a + 1], xy[2 * b + 1]));
        int[] h = new int[2 * n + 1];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int t = 0; t < n; t++) {
                int i = idx[pass == 0 ? t : n - 1 - t];
                while (k >= start + 2 && cross(xy, h[k - 2], h[k - 1], i) <= 0) {
                    k--;
                }
                h[k++] = i;
            }
            k--; // last point of each chain starts the other
        }
        if (k <= 0) { // all points identical
            k = 1;
        }
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = xy[2 * h[i]];
            out[2 * i + 1] = xy[2 * h[i] + 1];
        }
        return dedupe(out);
    }

    private static double cross(double[] xy, int o, int a, int b) {
        return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1])
                - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
    }

    /** Collapses a degenerate hull of two identical points to one. */
    private static double[] dedupe(double[] hull) {
        if (hull.length == 4 && hull[0] == hull[2] && hull[1] == hull[3]) {
            return new double[] {hull[0], hull[1]};
        }
        return hull;
    }
}
