package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rotating-calipers rectangle against the plain every-edge projection it replaced, and its cost. */
class TestMinAreaRect {

    /** The O(h^2) reference: every hull edge, every hull point. */
    static double bruteForceArea(double[] xy) {
        double[] hull = MinAreaRect.convexHull(xy);
        int n = hull.length / 2;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = hull[2 * j] - hull[2 * i], ey = hull[2 * j + 1] - hull[2 * i + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            double ux = ex / len, uy = ey / len;
            double lu = Double.POSITIVE_INFINITY, hu = -lu, lv = lu, hv = -lu;
            for (int k = 0; k < n; k++) {
                double u = hull[2 * k] * ux + hull[2 * k + 1] * uy, v = -hull[2 * k] * uy + hull[2 * k + 1] * ux;
                lu = Math.min(lu, u);
                hu = Math.max(hu, u);
                lv = Math.min(lv, v);
                hv = Math.max(hv, v);
            }
            best = Math.min(best, (hu - lu) * (hv - lv));
        }
        return best;
    }

    @Test
    void sameRectangleAsProjectingEveryPointOnRandomShapes() {
        Random r = new Random(7);
        for (int t = 0; t < 2000; t++) {
            int n = 3 + r.nextInt(t < 1000 ? 12 : 400);
            double[] xy = new double[2 * n];
            double sx = 1 + r.nextDouble() * 300, sy = 1 + r.nextDouble() * 40, a = r.nextDouble() * Math.PI;
            for (int i = 0; i < n; i++) {
                double x = (r.nextDouble() - 0.5) * sx, y = (r.nextDouble() - 0.5) * sy;
                xy[2 * i] = 500 + x * Math.cos(a) - y * Math.sin(a);
                xy[2 * i + 1] = 400 + x * Math.sin(a) + y * Math.cos(a);
            }
            RotatedBox b = MinAreaRect.of(xy);
            double want = bruteForceArea(xy);
            assertEquals(want, b.w() * b.h(), 1e-9 * Math.max(1, want), "shape " + t);
        }
    }

    @Test
    void a300000PointOutlineTakesLinearithmicTime() {
        int n = 300_000; // a finely sampled ellipse: every point is on the hull, the worst case
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            xy[2 * i] = 1000 + 400 * Math.cos(t);
            xy[2 * i + 1] = 1000 + 60 * Math.sin(t);
        }
        long t0 = System.nanoTime();
        RotatedBox b = Polygon.of(xy).minAreaRect();
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(800, Math.max(b.w(), b.h()), 0.01);
        assertEquals(120, Math.min(b.w(), b.h()), 0.01);
        assertTrue(s < 10, s + " s (the every-edge projection took minutes)");
    }
}
