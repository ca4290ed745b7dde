package org.karyo.annotation.mask;

import java.util.Arrays;
import org.karyo.annotation.InstancePolygon;

/**
 * Polygon to pixels exactly as the trainer does it (training-bridge targets.py {@code rasterise} and
 * {@code _mask}): a pixel belongs to the polygon when its centre lies inside (even-odd rule), and
 * each polygon is rasterised alone within its bounding box clipped to the image, so crossing
 * chromosomes both keep the shared region. OpenCV's fillPoly would also fill the outline and make
 * every mask about half a pixel fatter on each side.
 */
public final class Rasteriser {

    private Rasteriser() {}

    /** The polygon's mask within its bounding box clipped to [0, width) x [0, height). */
    public static BinaryMask mask(InstancePolygon p, int width, int height) {
        double[] xy = p.flat();
        if (xy.length == 0) {
            return new BinaryMask(0, 0, 0, 0);
        }
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        int x0 = clamp((int) Math.floor(minX), 0, width);
        int y0 = clamp((int) Math.floor(minY), 0, height);
        int x1 = Math.max(clamp((int) Math.ceil(maxX), 0, width), x0);
        int y1 = Math.max(clamp((int) Math.ceil(maxY), 0, height), y0);
        return window(xy, x0, y0, x1 - x0, y1 - y0);
    }

    /** The polygon (flat x,y) rasterised in the window [x0, x0+w) x [y0, y0+h). */
    public static BinaryMask window(double[] xy, int x0, int y0, int w, int h) {
        BinaryMask out = new BinaryMask(x0, y0, w, h);
        int n = xy.length / 2;
        if (n < 3 || w <= 0 || h <= 0) {
            return out;
        }
        int[] toggles = new int[w + 1];
        for (int r = 0; r < h; r++) {
            double yc = y0 + r + 0.5;
            Arrays.fill(toggles, 0);
            boolean any = false;
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                double ya = xy[2 * i + 1], yb = xy[2 * j + 1];
                // Half-open test so a scanline through a vertex counts its two edges once.
                if ((ya > yc) != (yb > yc)) {
                    double xa = xy[2 * i], xb = xy[2 * j];
                    double xi = xa + (yc - ya) * (xb - xa) / (yb - ya);
                    int start = (int) Math.max(0, Math.min(w, Math.ceil(xi - x0 - 0.5)));
                    toggles[start] ^= 1;
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            int inside = 0;
            for (int c = 0; c < w; c++) {
                inside ^= toggles[c];
                if (inside == 1) {
                    out.set(x0 + c, y0 + r, true);
                }
            }
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
