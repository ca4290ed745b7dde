package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.core.image.Letterbox;
import org.karyo.core.image.OpenCv;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.model.ModelInfo;
import org.karyo.inference.model.Thresholds;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class TestSizeNormalisation {

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    /** Dark bars of a known width at random angles on white (as core's TestChromosomeWidth draws them). */
    private static Mat bars(int width, int w, int h, long seed) {
        Mat m = new Mat(h, w, CvType.CV_8UC1, new Scalar(235));
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < 30; i++) {
            RotatedRect r = new RotatedRect(
                    new Point(40 + rnd.nextDouble() * (w - 80), 40 + rnd.nextDouble() * (h - 80)),
                    new Size(4 * width + rnd.nextDouble() * 4 * width, width),
                    rnd.nextDouble() * 180);
            Point[] p = new Point[4];
            r.points(p);
            Imgproc.fillConvexPoly(m, new MatOfPoint(p), new Scalar(60));
        }
        return m;
    }

    private static ModelInfo model(String chromosomeWidth) {
        Map<String, String> md = new HashMap<>();
        if (chromosomeWidth != null) {
            md.put("input.chromosome_width", chromosomeWidth);
        }
        return new ModelInfo("m", "1", true, 512, 768, 255, AnchorSpec.paper(), new Thresholds(0.2, 0.5, 0.2), md);
    }

    @Test
    void wideChromosomesAreScaledToTheTrainedWidth() {
        Mat img = bars(20, 768, 512, 4); // fit scale 1: 20 px at the network
        Letterbox lb = Detector.letterbox(img, model("8"));
        assertEquals(8.0 / 20, lb.scale(), 0.1);
        assertEquals(Math.round(768 * lb.scale()), lb.resizedWidth());
    }

    @Test
    void chromosomesNearTheTrainedWidthKeepTheFit() {
        Mat img = bars(9, 768, 512, 5);
        assertEquals(1.0, Detector.letterbox(img, model("8")).scale(), 1e-12);
    }

    @Test
    void modelsWithoutADeclaredWidthKeepTheFit() {
        Mat img = bars(20, 768, 512, 6);
        assertEquals(1.0, Detector.letterbox(img, model(null)).scale(), 1e-12);
    }

    @Test
    void scaledLetterboxNeverEnlargesBeyondTheFit() {
        Letterbox fit = Letterbox.fit(1000, 800, 768, 512);
        assertEquals(fit, Letterbox.scaled(1000, 800, 768, 512, 5.0));
        assertEquals(0.3, Letterbox.scaled(1000, 800, 768, 512, 0.3).scale(), 1e-12);
    }
}
