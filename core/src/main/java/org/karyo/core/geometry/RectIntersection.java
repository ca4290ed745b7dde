package org.karyo.core.geometry;

/**
 * Exact area of the intersection of two rotated rectangles. Rectangle A is expressed in the frame
 * of rectangle B, where B is the axis-aligned box [-bw, bw] x [-bh, bh]; A's four corners are then
 * clipped (Sutherland-Hodgman) against B's four sides, which are plain comparisons in that frame.
 * Each rectangle is given by its centre, the unit vector (c, s) of its long side and its half sides,
 * so no trigonometry runs per pair. The clipped polygon has at most 8 vertices.
 */
final class RectIntersection {

    private RectIntersection() {}

    /** Scratch space for one thread: two buffers of up to 8 vertices. */
    static final class Scratch {
        final double[] a = new double[16];
        final double[] b = new double[16];
        final double[] bounds = new double[2];
    }

    static double area(
            double ax,
            double ay,
            double ac,
            double as,
            double aw,
            double ah,
            double bx,
            double by,
            double bc,
            double bs,
            double bw,
            double bh,
            Scratch scratch) {
        double dx = ax - bx, dy = ay - by;
        double px = dx * bc + dy * bs, py = -dx * bs + dy * bc; // A's centre in B's frame
        double c = ac * bc + as * bs, s = as * bc - ac * bs; // A's long axis in B's frame
        double[] p = scratch.a, q = scratch.b;
        corners(px, py, c, s, aw, ah, p);
        int n = clip(p, 4, q, 0, 1, bw); // x <= bw
        n = clip(q, n, p, 0, -1, bw); // -x <= bw
        n = clip(p, n, q, 1, 1, bh); // y <= bh
        n = clip(q, n, p, 1, -1, bh); // -y <= bh
        return n < 3 ? 0.0 : Math.abs(shoelace(p, n));
    }

    /**
     * Corners of the rectangle with centre (x, y), long-axis unit vector (c, s) and half sides
     * (hw, hh), in positive shoelace order, into {@code out[0..7]}.
     */
    static void corners(double x, double y, double c, double s, double hw, double hh, double[] out) {
        double ux = hw * c, uy = hw * s, vx = -hh * s, vy = hh * c;
        out[0] = x + ux + vx;
        out[1] = y + uy + vy;
        out[2] = x - ux + vx;
        out[3] = y - uy + vy;
        out[4] = x - ux - vx;
        out[5] = y - uy - vy;
        out[6] = x + ux - vx;
        out[7] = y + uy - vy;
    }

    /**
     * Rigorous bounds on the intersection area of A and B, without clipping: {low, high}.
     * In B's frame B is the box [-bw, bw] x [-bh, bh]; the intersection lies inside A's bounding box
     * there (high) and contains an axis-aligned rectangle inscribed in A (low).
     */
    static void bounds(
            double ax,
            double ay,
            double ac,
            double as,
            double aw,
            double ah,
            double bx,
            double by,
            double bc,
            double bs,
            double bw,
            double bh,
            double[] out) {
        double dx = ax - bx, dy = ay - by;
        double px = dx * bc + dy * bs, py = -dx * bs + dy * bc;
        double c = Math.abs(ac * bc + as * bs), s = Math.abs(as * bc - ac * bs);
        double ex = aw * c + ah * s, ey = aw * s + ah * c;
        out[1] = overlap(px, ex, bw) * overlap(py, ey, bh);
        // inscribed centred rectangle with half sides (x, y): needs x*c + y*s <= aw and x*s + y*c <= ah;
        // both tight gives the largest one for nearly aligned boxes, an inscribed square always fits
        double sq = ah / (c + s);
        double low = overlap(px, sq, bw) * overlap(py, sq, bh);
        double den = c * c - s * s;
        if (den > 0) {
            double x = (aw * c - ah * s) / den, y = (ah * c - aw * s) / den;
            if (x > 0 && y > 0) {
                low = Math.max(low, overlap(px, x, bw) * overlap(py, y, bh));
            }
        }
        out[0] = low;
    }

    /** Length shared by [p - e, p + e] and [-half, half]. */
    private static double overlap(double p, double e, double half) {
        return Math.max(0, Math.min(p + e, half) - Math.max(p - e, -half));
    }

    /** Keeps the part of polygon {@code in} where sign * coordinate[axis] <= limit. */
    private static int clip(double[] in, int n, double[] out, int axis, double sign, double limit) {
        if (n == 0) {
            return 0;
        }
        int m = 0;
        int last = 2 * (n - 1);
        double px = in[last], py = in[last + 1];
        double pv = sign * in[last + axis] - limit;
        for (int i = 0; i < 2 * n; i += 2) {
            double cx = in[i], cy = in[i + 1];
            double cv = sign * in[i + axis] - limit;
            if (cv <= 0) {
                if (pv > 0) {
                    double t = pv / (pv - cv);
                    out[m++] = px + t * (cx - px);
                    out[m++] = py + t * (cy - py);
                }
                out[m++] = cx;
                out[m++] = cy;
            } else if (pv <= 0) {
                double t = pv / (pv - cv);
                out[m++] = px + t * (cx - px);
                out[m++] = py + t * (cy - py);
            }
            px = cx;
            py = cy;
            pv = cv;
        }
        return m / 2;
    }

    static double shoelace(double[] v, int n) {
        double sum = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            sum += v[2 * j] * v[2 * i + 1] - v[2 * i] * v[2 * j + 1];
        }
        return 0.5 * sum;
    }
}
