package org.karyo.inference.classify;

import org.karyo.core.geometry.RotatedBox;

/**
 * The classifier's input patch for one chromosome (contract karyo-classify-1, docs/karyogram.md;
 * the Python twin is deepchm/classify/cutout.py and both must agree).
 *
 * <p>A 2:1 region around the box, 15 % larger than the box, is sampled bilinearly into 96 x 48
 * pixels with the box's long side vertical: the patch's top-to-bottom direction is the box's
 * long-side direction (cos angle, sin angle), or its reverse when {@code flipped}. Grey levels are
 * then normalised per patch so the chromosome is 1 and the background 0 (90th percentile =
 * background, 1st percentile = darkest), which makes the input independent of bit depth,
 * exposure and contrast.
 */
public final class Cutout {

    public static final int ROWS = 96;
    public static final int COLS = 48;
    public static final int SIZE = ROWS * COLS;
    static final double MARGIN = 1.15;
    static final double BG_PERCENTILE = 0.90;
    static final double DARK_PERCENTILE = 0.01;

    private Cutout() {}

    /** Side of one patch pixel in image pixels for this box. */
    public static double step(RotatedBox box) {
        return Math.max(MARGIN * box.w(), 2.0 * MARGIN * box.h()) / ROWS;
    }

    /**
     * Samples the raw (unnormalised) patch of {@code box} from a grey image stored row-major,
     * dark chromosomes on a bright background, into {@code out[offset .. offset + SIZE)}.
     */
    public static void sample(GreyImage img, RotatedBox box, boolean flipped, float[] out, int offset) {
        sample(img, box, flipped, ROWS, COLS, step(box), out, offset);
    }

    /**
     * Samples a rows x cols upright view of {@code box} at {@code step} image pixels per output
     * pixel (the karyogram's display cut-outs use the same geometry at their own scale).
     */
    public static void sample(
            GreyImage img, RotatedBox box, boolean flipped, int rows, int cols, double step, float[] out, int offset) {
        double rad = Math.toRadians(box.angle());
        double dx = Math.cos(rad), dy = Math.sin(rad);
        if (flipped) {
            dx = -dx;
            dy = -dy;
        }
        double rx = -dy, ry = dx;
        int w = img.width(), h = img.height();
        float[] px = img.pixels();
        int k = offset;
        for (int r = 0; r < rows; r++) {
            double a = (r + 0.5 - rows / 2.0) * step;
            for (int c = 0; c < cols; c++) {
                double b = (c + 0.5 - cols / 2.0) * step;
                double x = box.cx() + a * dx + b * rx - 0.5;
                double y = box.cy() + a * dy + b * ry - 0.5;
                x = Math.min(Math.max(x, 0), w - 1);
                y = Math.min(Math.max(y, 0), h - 1);
                int x0 = Math.min((int) Math.floor(x), w - 1);
                int y0 = Math.min((int) Math.floor(y), h - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                double fx = x - x0, fy = y - y0;
                double top = px[y0 * w + x0] * (1 - fx) + px[y0 * w + x1] * fx;
                double bot = px[y1 * w + x0] * (1 - fx) + px[y1 * w + x1] * fx;
                out[k++] = (float) (top * (1 - fy) + bot * fy);
            }
        }
    }

    /**
     * Normalises one sampled patch in place: chromosome 1, background 0.
     *
     * @return the patch's contrast before normalising (background minus darkest grey level)
     */
    public static float normalise(float[] patch, int offset) {
        float[] v = java.util.Arrays.copyOfRange(patch, offset, offset + SIZE);
        java.util.Arrays.sort(v);
        float bg = v[(int) Math.floor(BG_PERCENTILE * (SIZE - 1))];
        float dark = v[(int) Math.floor(DARK_PERCENTILE * (SIZE - 1))];
        float range = Math.max(bg - dark, 1e-6f);
        for (int i = offset; i < offset + SIZE; i++) {
            float x = (bg - patch[i]) / range;
            patch[i] = x < 0 ? 0 : (x > 1 ? 1 : x);
        }
        return bg - dark;
    }

    /** Sample and normalise: the model's input for one chromosome. */
    public static float[] of(GreyImage img, RotatedBox box, boolean flipped) {
        float[] out = new float[SIZE];
        sample(img, box, flipped, out, 0);
        normalise(out, 0);
        return out;
    }
}
