package org.karyo.app.imports;

import java.nio.file.Path;
import java.util.Optional;
import org.karyo.core.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Refuses, with the reason, images that cannot be metaphases: icons and thumbnails (too small
 * to hold 46 chromosomes), blank frames (no contrast), and screenshots or graphics (large areas
 * of saturated colour, which a Giemsa-stained spread never has: stain reaches chroma 57 of 255
 * where the overlay rule of {@code MetaphaseImageReader} starts at 96). Burned-in outlines of
 * other karyotyping systems cover a few per cent of an image and pass.
 */
public final class MetaphaseScreen {

    /** Smallest side of a metaphase image: 46 chromosomes of >= 5 px need a few hundred pixels. */
    public static final int MIN_SIDE_PX = 256;
    /** Grey standard deviation below which an image is blank. */
    public static final double MIN_GREY_SD = 4.0;
    /** Share of strongly coloured pixels above which an image is graphics, not a stained spread. */
    public static final double MAX_COLOUR_SHARE = 0.15;

    private MetaphaseScreen() {}

    /** Why {@code file} is not a metaphase image, or empty when it may be one (or cannot be decoded: import says why). */
    public static Optional<String> refuse(Path file) {
        OpenCv.ensureLoaded();
        Mat img = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
        if (img.empty()) {
            img.release();
            return Optional.empty();
        }
        try {
            String name = file.getFileName().toString();
            if (Math.min(img.cols(), img.rows()) < MIN_SIDE_PX) {
                return Optional.of(name + ": " + img.cols() + " x " + img.rows() + " px is too small for a metaphase "
                        + "(an icon or thumbnail?); metaphase images are at least " + MIN_SIDE_PX + " px a side");
            }
            Mat grey = new Mat();
            Imgproc.cvtColor(img, grey, Imgproc.COLOR_BGR2GRAY);
            MatOfDouble mean = new MatOfDouble(), sd = new MatOfDouble();
            Core.meanStdDev(grey, mean, sd);
            grey.release();
            double s = sd.toArray()[0];
            if (s < MIN_GREY_SD) {
                return Optional.of(name + ": blank image (grey level varies by "
                        + String.format(java.util.Locale.ROOT, "%.1f", s) + "; no chromosomes to count)");
            }
            double colour = colourShare(img);
            if (colour > MAX_COLOUR_SHARE) {
                return Optional.of(name + ": " + Math.round(colour * 100) + " % of the image is strongly coloured: "
                        + "a screenshot or graphic, not a stained metaphase");
            }
            return Optional.empty();
        } finally {
            img.release();
        }
    }

    /** Share of pixels with chroma >= 96 and HSV saturation >= 0.5 (the overlay rule of the image reader). */
    static double colourShare(Mat bgr) {
        Mat hsv = new Mat();
        Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
        Mat max = new Mat(), min = new Mat(), chroma = new Mat();
        java.util.List<Mat> ch = new java.util.ArrayList<>();
        Core.split(bgr, ch);
        Core.max(ch.get(0), ch.get(1), max);
        Core.max(max, ch.get(2), max);
        Core.min(ch.get(0), ch.get(1), min);
        Core.min(min, ch.get(2), min);
        Core.subtract(max, min, chroma);
        Mat strong = new Mat(), sat = new Mat();
        Imgproc.threshold(chroma, strong, 95, 255, Imgproc.THRESH_BINARY);
        Core.inRange(hsv, new org.opencv.core.Scalar(0, 128, 0), new org.opencv.core.Scalar(180, 255, 255), sat);
        Core.bitwise_and(strong, sat, strong);
        double share = Core.countNonZero(strong) / (double) (bgr.rows() * bgr.cols());
        for (Mat m : ch) {
            m.release();
        }
        for (Mat m : new Mat[] {hsv, max, min, chroma, strong, sat}) {
            m.release();
        }
        return share;
    }
}
