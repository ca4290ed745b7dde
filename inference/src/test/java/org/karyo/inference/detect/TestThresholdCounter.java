package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.image.OpenCv;
import org.karyo.core.image.Polarity;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The threshold peer on drawn cells whose count is known. */
class TestThresholdCounter {

    @TempDir
    Path tmp;

    private static void bar(Mat img, double cx, double cy, double len, double width, double angle, double grey) {
        Point[] p = new Point[4];
        new RotatedRect(new Point(cx, cy), new Size(len, width), angle).points(p);
        Imgproc.fillConvexPoly(img, new org.opencv.core.MatOfPoint(p), new Scalar(grey));
    }

    /** Six bars (one bent pair touching: counted as one), specks of debris, on a light background. */
    private static Mat cell() {
        OpenCv.ensureLoaded();
        Mat img = new Mat(300, 400, CvType.CV_8UC1, new Scalar(235));
        bar(img, 60, 60, 60, 12, 30, 60);
        bar(img, 200, 60, 80, 14, 0, 70);
        bar(img, 320, 80, 40, 10, 90, 50);
        bar(img, 80, 200, 50, 12, 135, 65);
        bar(img, 250, 220, 70, 12, 0, 60); // these two touch end to end:
        bar(img, 300, 220, 40, 12, 0, 60); // the peer counts them as one
        for (int i = 0; i < 3; i++) { // debris: 2x2 specks (fewer than the bars, so the median is a bar)
            Imgproc.rectangle(img, new Point(150 + 30 * i, 140), new Point(151 + 30 * i, 141), new Scalar(40), -1);
        }
        return img;
    }

    @Test
    void countsComponentsAndDropsSpecks() throws Exception {
        Mat img = cell();
        Path f = tmp.resolve("cell.png");
        Imgcodecs.imwrite(f.toString(), img);
        DetectionResult r = ThresholdCounter.of(ThresholdCounter.DEFAULT_MIN_AREA_FRACTION, Polarity.AUTO)
                .detect(f);
        assertEquals(5, r.count(), "4 bars + the touching pair as one; specks dropped");
        assertEquals(400, r.imageWidth());
        assertEquals(false, r.inverted());
        Detection largest = r.detections().get(0); // the touching pair: x 215-320, 106 pixels
        assertEquals(106, largest.box().w(), 2);
        assertEquals(12, largest.box().h(), 2.5);
        assertEquals(0, Math.min(largest.box().angle(), 180 - largest.box().angle()), 2);
        Detection tilted = r.detections().stream()
                .filter(d -> Math.abs(d.box().cx() - 60) < 3)
                .findFirst()
                .orElseThrow();
        assertEquals(30, tilted.box().angle(), 3);
        assertEquals(60, tilted.box().w(), 3);

        // with no area floor the specks count too
        assertEquals(8, ThresholdCounter.of(0, Polarity.AUTO).detect(f).count());
    }

    @Test
    void fluorescenceCellsAreInvertedFirst() throws Exception {
        Mat img = cell();
        Mat bright = new Mat();
        org.opencv.core.Core.bitwise_not(img, bright);
        Path f = tmp.resolve("dapi.png");
        Imgcodecs.imwrite(f.toString(), bright);
        DetectionResult r = ThresholdCounter.of(0.15, Polarity.AUTO).detect(f);
        assertTrue(r.inverted());
        assertEquals(5, r.count());
    }

    @Test
    void aBlankImageHasNoChromosomes() {
        OpenCv.ensureLoaded();
        Mat blank = new Mat(50, 50, CvType.CV_8UC1, new Scalar(255));
        assertEquals(List.of(), ThresholdCounter.components(blank, 0.15));
    }
}
