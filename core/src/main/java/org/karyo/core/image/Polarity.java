package org.karyo.core.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.imgproc.Imgproc;

/**
 * Brightfield G-banding shows dark chromosomes on a light background; fluorescence (DAPI,
 * Q-banding) shows bright chromosomes on a dark one. A model trained on one polarity sees the
 * other inverted. The background is most of a metaphase image, so the median grey tells which
 * one an image is.
 */
public enum Polarity {
    /** Invert when the image's median lies on the other side of mid-grey from the model's background. */
    AUTO,
    /** Use the image as it is. */
    AS_IS,
    /** Always invert. */
    INVERT;

    /** Applies this rule to an 8-bit grey image in place; returns whether it inverted. */
    public boolean apply(Mat grey, double modelBackground) {
        boolean invert =
                switch (this) {
                    case AS_IS -> false;
                    case INVERT -> true;
                    case AUTO -> (median(grey) < 128) != (modelBackground < 128);
                };
        if (invert) {
            Core.bitwise_not(grey, grey);
        }
        return invert;
    }

    static double median(Mat grey) {
        Mat hist = new Mat();
        try {
            Imgproc.calcHist(
                    java.util.List.of(grey),
                    new MatOfInt(0),
                    new Mat(),
                    hist,
                    new MatOfInt(256),
                    new MatOfFloat(0, 256));
            double half = grey.total() / 2.0, seen = 0;
            for (int v = 0; v < 256; v++) {
                seen += hist.get(v, 0)[0];
                if (seen >= half) {
                    return v;
                }
            }
            return 255;
        } finally {
            hist.release();
        }
    }
}
