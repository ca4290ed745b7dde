package org.karyo.inference.geometry;

/**
 * Area of the intersection of two convex quadrilaterals by Sutherland-Hodgman clipping.
 * Vertices come as flat {x0, y0, ...} arrays with positive shoelace orientation.
 * The intersection of two convex quadrilaterals has at most 8 vertices.
 */
final class ConvexClip {

    private ConvexClip() {
    }

    /** Intersection area of quads {@code p} and {@code q} (8 doubles each). */
    static double intersectionArea(double[] p, double[] q) {
        return intersectionArea(p, q, new double[24], new double[24]);
    }

    /** As above with caller-owned scratch buffers of 24 doubles each (no allocation on hot paths). */
    static double intersectionArea(double[] p, double[] q, double[] a, double[] b) {
        return intersectionArea(p, 0, q, 0, a, b);
    }

    /** Quads stored at offsets {@code po} and {@code qo} of flat arrays (8 doubles each). */
    static double intersectionArea(double[] p, int po, double[] q, int qo, double[] a, double[] b) {
        System.arraycopy(p, po, a, 0, 8);
        int n = 4;
        for (int e = 0; e < 4 && n > 0; e++) {
            double ex = q[qo + 2 * e];
            double ey = q[qo + 2 * e + 1];
            double fx = q[qo + (2 * e + 2) % 8];
            double fy = q[qo + (2 * e + 3) % 8];
            n = clipAgainstEdge(a, n, b, ex, ey, fx, fy);
            double[] t = a;
            a = b;
            b = t;
        }
        return n < 3 ? 0.0 : Math.max(0.0, shoelace(a, n));
    }

    /** Keeps the part of polygon {@code in} left of (or on) the directed edge e->f. */
    private static int clipAgainstEdge(double[] in, int n, double[] out, double ex, double ey, double fx, double fy) {
        int m = 0;
        double dx = fx - ex;
        double dy = fy - ey;
        double px = in[2 * (n - 1)];
        double py = in[2 * (n - 1) + 1];
        double ps = dx * (py - ey) - dy * (px - ex);
        for (int i = 0; i < n; i++) {
            double cx = in[2 * i];
            double cy = in[2 * i + 1];
            double cs = dx * (cy - ey) - dy * (cx - ex);
            if (cs >= 0) {
                if (ps < 0) {
                    m = addCrossing(out, m, px, py, ps, cx, cy, cs);
                }
                out[2 * m] = cx;
                out[2 * m + 1] = cy;
                m++;
            } else if (ps >= 0) {
                m = addCrossing(out, m, px, py, ps, cx, cy, cs);
            }
            px = cx;
            py = cy;
            ps = cs;
        }
        return m;
    }

    private static int addCrossing(double[] out, int m, double px, double py, double ps,
                                   double cx, double cy, double cs) {
        double t = ps / (ps - cs);
        out[2 * m] = px + t * (cx - px);
        out[2 * m + 1] = py + t * (cy - py);
        return m + 1;
    }

    static double shoelace(double[] v, int n) {
        double s = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            s += v[2 * j] * v[2 * i + 1] - v[2 * i] * v[2 * j + 1];
        }
        return 0.5 * s;
    }
}
