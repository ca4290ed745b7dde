package org.karyo.annotation.archive;

import java.util.Arrays;

/**
 * A cut-out at metaphase scale, turned by an angle and perhaps mirrored, as offsets from its
 * centroid: the body points (mask shrunk by a pixel, so the pale halo an export leaves around a
 * cut-out does not vote) with zero-mean unit-norm darkness for correlation, a quarter of them for
 * the coarse search, and the body footprint for conflicts. The whole cut-out (halo included, what
 * the outline is made of) and the ring of paper around it are sampled only for the few templates
 * that end up scored as candidates ({@link #outline()}).
 */
final class Template {

    final int[] dx, dy;
    final float[] v;
    final int[] cdx, cdy;
    final float[] cv;
    final int[] fdx, fdy;
    private final float[] whole;
    private final float[] bodyDark;
    private final int pw, ph;
    private final double pcx, pcy, degrees;
    private final boolean mirror;
    private Outline outline;

    /** The whole cut-out's offsets, and body + a two-pixel ring of paper (value 0) for the outline fit. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    record Outline(int[] odx, int[] ody, int[] rdx, int[] rdy, float[] rv) {}

    private Template(
            int[] dx,
            int[] dy,
            float[] v,
            int[] cdx,
            int[] cdy,
            float[] cv,
            int[] fdx,
            int[] fdy,
            float[] whole,
            float[] bodyDark,
            int pw,
            int ph,
            double pcx,
            double pcy,
            double degrees,
            boolean mirror) {
        this.bodyDark = bodyDark;
        this.dx = dx;
        this.dy = dy;
        this.v = v;
        this.cdx = cdx;
        this.cdy = cdy;
        this.cv = cv;
        this.fdx = fdx;
        this.fdy = fdy;
        this.whole = whole;
        this.pw = pw;
        this.ph = ph;
        this.pcx = pcx;
        this.pcy = pcy;
        this.degrees = degrees;
        this.mirror = mirror;
    }

    int footprint() {
        return fdx.length;
    }

    private static int radius(int pw, int ph, double pcx, double pcy) {
        return (int) Math.ceil(Math.max(
                        Math.hypot(pcx, pcy),
                        Math.max(
                                Math.hypot(pw - pcx, pcy),
                                Math.max(Math.hypot(pcx, ph - pcy), Math.hypot(pw - pcx, ph - pcy)))))
                + 3;
    }

    /** Samples the scaled patch ({@code dark}, {@code mask}: pw x ph) turned by degrees, mirrored first if asked. */
    static Template of(
            float[] dark,
            float[] mask,
            float[] whole,
            int pw,
            int ph,
            double pcx,
            double pcy,
            double degrees,
            boolean mirror) {
        double a = Math.toRadians(degrees), c = Math.cos(a), s = Math.sin(a);
        int r = radius(pw, ph, pcx, pcy);
        int side = 2 * r + 1;
        float[] m = new float[side * side];
        float[] d = new float[side * side];
        for (int oy = -r; oy <= r; oy++) {
            for (int ox = -r; ox <= r; ox++) {
                double u = c * ox + s * oy, w = -s * ox + c * oy; // rotate back by -a
                if (mirror) {
                    u = -u;
                }
                double px = pcx + u, py = pcy + w;
                int i = (oy + r) * side + ox + r;
                float mv = bilinear(mask, pw, ph, px, py);
                m[i] = mv;
                if (mv >= 0.5f) {
                    d[i] = bilinear(dark, pw, ph, px, py);
                }
            }
        }
        int nf = 0, nb = 0;
        for (float x : m) {
            nf += x >= 0.5f ? 1 : 0;
        }
        boolean shrink = nf >= 80;
        boolean[] body = new boolean[side * side];
        for (int y = 1; y < side - 1; y++) {
            for (int x = 1; x < side - 1; x++) {
                int i = y * side + x;
                body[i] = m[i] >= 0.5f
                        && (!shrink
                                || (m[i - 1] >= 0.5f
                                        && m[i + 1] >= 0.5f
                                        && m[i - side] >= 0.5f
                                        && m[i + side] >= 0.5f));
                nb += body[i] ? 1 : 0;
            }
        }
        int[] fdx = new int[nf], fdy = new int[nf];
        int[] bdx = new int[nb], bdy = new int[nb];
        float[] bv = new float[nb];
        int fi = 0, bi = 0, nc = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                if (m[i] >= 0.5f) {
                    fdx[fi] = x - r;
                    fdy[fi++] = y - r;
                }
                if (body[i]) {
                    bdx[bi] = x - r;
                    bdy[bi] = y - r;
                    bv[bi++] = d[i];
                    if (((x - r) & 1) == 0 && ((y - r) & 1) == 0) {
                        nc++;
                    }
                }
            }
        }
        int[] cdx = new int[nc], cdy = new int[nc];
        float[] cv = new float[nc];
        int ci = 0;
        for (int i = 0; i < nb; i++) {
            if ((bdx[i] & 1) == 0 && (bdy[i] & 1) == 0) {
                cdx[ci] = bdx[i];
                cdy[ci] = bdy[i];
                cv[ci++] = bv[i];
            }
        }
        return new Template(
                bdx,
                bdy,
                normalise(bv),
                cdx,
                cdy,
                normalise(cv),
                fdx,
                fdy,
                whole,
                bv,
                pw,
                ph,
                pcx,
                pcy,
                degrees,
                mirror);
    }

    /** The whole cut-out and the ring of paper around it, sampled on first use. */
    Outline outline() {
        if (outline == null) {
            outline = sampleOutline();
        }
        return outline;
    }

    private Outline sampleOutline() {
        double a = Math.toRadians(degrees), c = Math.cos(a), s = Math.sin(a);
        int r = radius(pw, ph, pcx, pcy);
        int side = 2 * r + 1;
        boolean[] in = new boolean[side * side];
        int no = 0;
        for (int oy = -r; oy <= r; oy++) {
            for (int ox = -r; ox <= r; ox++) {
                double u = c * ox + s * oy, w = -s * ox + c * oy;
                if (mirror) {
                    u = -u;
                }
                int i = (oy + r) * side + ox + r;
                in[i] = bilinear(whole, pw, ph, pcx + u, pcy + w) >= 0.5f;
                no += in[i] ? 1 : 0;
            }
        }
        boolean[] grown = Scene.dilate(Scene.dilate(in, side, side), side, side);
        int[] odx = new int[no], ody = new int[no];
        int oi = 0, nr = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                odx[oi] = i % side - r;
                ody[oi++] = i / side - r;
            } else if (grown[i]) {
                nr++;
            }
        }
        int nb = dx.length;
        int[] rdx = Arrays.copyOf(dx, nb + nr), rdy = Arrays.copyOf(dy, nb + nr);
        float[] rv = Arrays.copyOf(bodyDark, nb + nr); // darkness; the ring stays 0, paper
        int ri = nb;
        for (int i = 0; i < in.length; i++) {
            if (!in[i] && grown[i]) {
                rdx[ri] = i % side - r;
                rdy[ri] = i / side - r;
                ri++;
            }
        }
        return new Outline(odx, ody, rdx, rdy, normalise(rv));
    }

    static float[] normalise(float[] v) {
        float[] out = Arrays.copyOf(v, v.length);
        double mean = 0;
        for (float x : out) {
            mean += x;
        }
        mean /= Math.max(1, out.length);
        double ss = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] -= (float) mean;
            ss += out[i] * out[i];
        }
        double norm = Math.sqrt(ss);
        for (int i = 0; i < out.length; i++) {
            out[i] = norm < 1e-6 ? 0f : (float) (out[i] / norm);
        }
        return out;
    }

    private static float bilinear(float[] a, int w, int h, double x, double y) {
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
            return 0f;
        }
        double fx = Math.max(0, Math.min(w - 1.0001, x)), fy = Math.max(0, Math.min(h - 1.0001, y));
        int x0 = (int) fx, y0 = (int) fy;
        int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double tx = fx - x0, ty = fy - y0;
        return (float) ((a[y0 * w + x0] * (1 - tx) + a[y0 * w + x1] * tx) * (1 - ty)
                + (a[y1 * w + x0] * (1 - tx) + a[y1 * w + x1] * tx) * ty);
    }
}
