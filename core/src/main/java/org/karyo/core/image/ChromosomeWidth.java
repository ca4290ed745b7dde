package org.karyo.core.image;

import java.util.Arrays;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The typical chromosome width of a metaphase image (dark objects on a light background), in
 * pixels: twice the median distance-transform value on the ridges of the Otsu foreground. Real
 * cells vary with magnification, camera and condensation; a model sees chromosomes at the width it
 * was trained on only if the image is scaled accordingly ({@code input.chromosome_width}).
 */
public final class ChromosomeWidth {

    /** Images are measured at most this large (longer side); the width is scaled back. */
    private static final int MAX_SIDE = 1024;

    private ChromosomeWidth() {}

    /** The width in pixels of {@code grey}, or NaN when it holds no plausible chromosomes. */
    public static double estimate(Mat grey) {
        double shrink = Math.min(1.0, (double) MAX_SIDE / Math.max(grey.cols(), grey.rows()));
        Mat small = new Mat(), fg = new Mat(), dt = new Mat(), dil = new Mat(), ridge = new Mat(), thick = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        try {
            if (shrink < 1) {
                Imgproc.resize(
                        grey,
                        small,
                        new Size(Math.round(grey.cols() * shrink), Math.round(grey.rows() * shrink)),
                        0,
                        0,
                        Imgproc.INTER_AREA);
            } else {
                grey.copyTo(small);
            }
            Imgproc.threshold(small, fg, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            Imgproc.morphologyEx(fg, fg, Imgproc.MORPH_OPEN, kernel); // specks and noise
            double share = Core.countNonZero(fg) / (double) fg.total();
            if (share < 0.002 || share > 0.6) {
                return Double.NaN; // blank, or no light background to stand out from
            }
            Imgproc.distanceTransform(fg, dt, Imgproc.DIST_L2, 3);
            Imgproc.dilate(dt, dil, kernel);
            Core.compare(dt, dil, ridge, Core.CMP_GE); // local maxima: the medial ridge
            Core.compare(dt, new Scalar(1.0), thick, Core.CMP_GE);
            Core.bitwise_and(ridge, thick, ridge);
            int n = Core.countNonZero(ridge);
            if (n < 20) {
                return Double.NaN;
            }
            float[] values = new float[(int) dt.total()];
            byte[] mask = new byte[(int) ridge.total()];
            dt.get(0, 0, values);
            ridge.get(0, 0, mask);
            float[] onRidge = new float[n];
            for (int i = 0, k = 0; i < mask.length && k < n; i++) {
                if (mask[i] != 0) {
                    onRidge[k++] = values[i];
                }
            }
            Arrays.sort(onRidge);
            return 2.0 * onRidge[n / 2] / shrink;
        } finally {
            for (Mat m : new Mat[] {small, fg, dt, dil, ridge, thick, kernel}) {
                m.release();
            }
        }
    }
}
