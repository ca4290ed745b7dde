package org.karyo.annotation.mask;

/**
 * Zhang-Suen thinning (1984) with the trainer's deletion tables (training-bridge targets.py
 * {@code zhang_suen}): each sub-iteration decides every pixel from the same snapshot, then
 * deletes, so Java and Python give the same skeleton pixel for pixel. Pixels outside the window
 * count as background.
 */
public final class ZhangSuen {

    /** Deletion rule per 8-neighbourhood code (bit k-2 = neighbour Pk, P2..P9 clockwise from north). */
    private static final boolean[][] TABLES = tables();

    private ZhangSuen() {}

    private static boolean[][] tables() {
        boolean[][] t = new boolean[2][256];
        for (int code = 0; code < 256; code++) {
            int[] p = new int[8];
            int b = 0;
            for (int k = 0; k < 8; k++) {
                p[k] = (code >> k) & 1;
                b += p[k];
            }
            int a = 0;
            for (int k = 0; k < 8; k++) {
                a += p[k] == 0 && p[(k + 1) % 8] == 1 ? 1 : 0;
            }
            int p2 = p[0], p4 = p[2], p6 = p[4], p8 = p[6];
            if (b >= 2 && b <= 6 && a == 1) {
                t[0][code] = !(p2 == 1 && p4 == 1 && p6 == 1) && !(p4 == 1 && p6 == 1 && p8 == 1);
                t[1][code] = !(p2 == 1 && p4 == 1 && p8 == 1) && !(p2 == 1 && p6 == 1 && p8 == 1);
            }
        }
        return t;
    }

    /** The skeleton of {@code mask}, in the same window. */
    public static BinaryMask thin(BinaryMask mask) {
        int w = mask.width(), h = mask.height();
        int pw = w + 2;
        byte[] img = new byte[pw * (h + 2)];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                img[(r + 1) * pw + c + 1] = (byte) (mask.local(c, r) ? 1 : 0);
            }
        }
        int[] delete = new int[w * h];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int step = 0; step < 2; step++) {
                int nDelete = 0;
                for (int r = 1; r <= h; r++) {
                    for (int c = 1; c <= w; c++) {
                        int i = r * pw + c;
                        if (img[i] == 0) {
                            continue;
                        }
                        int code = img[i - pw]
                                | img[i - pw + 1] << 1
                                | img[i + 1] << 2
                                | img[i + pw + 1] << 3
                                | img[i + pw] << 4
                                | img[i + pw - 1] << 5
                                | img[i - 1] << 6
                                | img[i - pw - 1] << 7;
                        if (TABLES[step][code]) {
                            delete[nDelete++] = i;
                        }
                    }
                }
                for (int k = 0; k < nDelete; k++) {
                    img[delete[k]] = 0;
                }
                changed |= nDelete > 0;
            }
        }
        BinaryMask out = new BinaryMask(mask.x0(), mask.y0(), w, h);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (img[(r + 1) * pw + c + 1] == 1) {
                    out.set(mask.x0() + c, mask.y0() + r, true);
                }
            }
        }
        return out;
    }
}
