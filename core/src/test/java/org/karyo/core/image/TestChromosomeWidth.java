package org.karyo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.core.SharedData;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

public class TestChromosomeWidth {

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    /** Dark bars of a known width, at random angles, on white. */
    public static Mat bars(int width, int w, int h, long seed) {
        Mat m = new Mat(h, w, CvType.CV_8UC1, new Scalar(235));
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < 30; i++) {
            RotatedRect r = new RotatedRect(
                    new Point(40 + rnd.nextDouble() * (w - 80), 40 + rnd.nextDouble() * (h - 80)),
                    new Size(4 * width + rnd.nextDouble() * 4 * width, width),
                    rnd.nextDouble() * 180);
            Point[] p = new Point[4];
            r.points(p);
            Imgproc.fillConvexPoly(m, new org.opencv.core.MatOfPoint(p), new Scalar(60));
        }
        return m;
    }

    @Test
    void measuresTheWidthOfBars() {
        for (int width : new int[] {6, 10, 20}) {
            double w = ChromosomeWidth.estimate(bars(width, 900, 700, width));
            assertEquals(width, w, 0.2 * width + 1, "bars " + width + " px wide");
        }
    }

    @Test
    void largeImagesAreMeasuredReducedAndScaledBack() {
        double w = ChromosomeWidth.estimate(bars(30, 3200, 2200, 1));
        assertEquals(30, w, 7);
    }

    @Test
    void blankImagesHaveNoWidth() {
        assertTrue(Double.isNaN(ChromosomeWidth.estimate(new Mat(300, 300, CvType.CV_8UC1, new Scalar(240)))));
    }

    @Test
    void realCabinHChromosomesAreWiderThanTheDemoCase() throws Exception {
        Mat cab = MetaphaseImageReader.readGrey(SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF"), 255);
        double w = ChromosomeWidth.estimate(cab);
        assertTrue(w > 9 && w < 25, "CabinH chromosomes measure about 13 px: " + w);
    }
}
