package org.karyo.inference.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.karyo.core.geometry.Polygon;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.Letterbox;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.Polarity;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * The classic peer of the detector: Otsu's threshold on the grey image, one chromosome per
 * connected component (8-connected) of at least {@code minAreaFraction} of the median component
 * area (specks of debris and stain fall below it). It knows nothing of touching, crossing or
 * broken chromosomes, which is exactly why it is the yardstick a learnt detector must beat:
 * a model that counts worse than this on real cells has learnt the wrong thing.
 */
public final class ThresholdCounter {

    /** The peer as the literature's baseline runs it: components of at least 15 % of the median area. */
    public static final double DEFAULT_MIN_AREA_FRACTION = 0.15;
    /** Chromosomes are dark on a light background once the polarity rule has run. */
    private static final double BACKGROUND = 255;

    private final double minAreaFraction;
    private final Polarity polarity;

    private ThresholdCounter(double minAreaFraction, Polarity polarity) {
        if (!(minAreaFraction >= 0 && minAreaFraction <= 1)) {
            throw new IllegalArgumentException("minimum area fraction must be in [0, 1], got " + minAreaFraction);
        }
        this.minAreaFraction = minAreaFraction;
        this.polarity = polarity;
    }

    public static ThresholdCounter of(double minAreaFraction, Polarity polarity) {
        return new ThresholdCounter(minAreaFraction, polarity);
    }

    public double minAreaFraction() {
        return minAreaFraction;
    }

    /** One box (score 1) per kept component, in the same result form as the detector's. */
    public DetectionResult detect(Path image) throws ImageReadException {
        long t0 = System.nanoTime();
        Mat grey = MetaphaseImageReader.readGrey(image, BACKGROUND);
        try {
            boolean inverted = polarity.apply(grey, BACKGROUND);
            long t1 = System.nanoTime();
            List<Detection> found = components(grey, minAreaFraction);
            long t2 = System.nanoTime();
            Letterbox identity = Letterbox.fit(grey.cols(), grey.rows(), grey.cols(), grey.rows());
            return new DetectionResult(
                    image,
                    grey.cols(),
                    grey.rows(),
                    found,
                    new StageTimings(t1 - t0, 0, t2 - t1, 0, 0),
                    0,
                    found.size(),
                    null,
                    identity,
                    inverted);
        } finally {
            grey.release();
        }
    }

    /** The components of an 8-bit grey image with dark objects on a light background, largest first. */
    static List<Detection> components(Mat grey, double minAreaFraction) {
        Mat binary = new Mat(), labels = new Mat(), stats = new Mat(), centroids = new Mat();
        try {
            Imgproc.threshold(grey, binary, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8, CvType.CV_32S);
            if (n <= 1) {
                return List.of();
            }
            int[] areas = new int[n - 1];
            for (int k = 1; k < n; k++) {
                areas[k - 1] = (int) stats.get(k, Imgproc.CC_STAT_AREA)[0];
            }
            int[] sorted = areas.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1
                    ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
            double minArea = minAreaFraction * median;
            int[] label = new int[labels.rows() * labels.cols()];
            labels.get(0, 0, label);
            double[][] xy = new double[n][];
            int[] fill = new int[n];
            for (int k = 1; k < n; k++) {
                xy[k] = areas[k - 1] >= minArea ? new double[2 * areas[k - 1]] : null;
            }
            int w = labels.cols();
            for (int i = 0; i < label.length; i++) {
                int k = label[i];
                if (k > 0 && xy[k] != null) {
                    int row = i / w;
                    xy[k][fill[k]++] = i % w + 0.5;
                    xy[k][fill[k]++] = row + 0.5;
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int k = 1; k < n; k++) {
                if (xy[k] != null) {
                    kept.add(k);
                }
            }
            kept.sort((a, b) -> Integer.compare(areas[b - 1], areas[a - 1]));
            List<Detection> out = new ArrayList<>(kept.size());
            for (int k : kept) {
                RotatedBox r = Polygon.of(xy[k]).minAreaRect();
                // pixel centres span one pixel less than the pixels themselves
                out.add(new Detection(RotatedBox.of(r.cx(), r.cy(), r.w() + 1, r.h() + 1, r.angle()), 1.0));
            }
            return out;
        } finally {
            binary.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }
}
